-- CreateTable
CREATE TABLE "OffchainScore" (
    "netuid" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "validatorUid" INTEGER NOT NULL,
    "tempo" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "ema" REAL NOT NULL,
    "computeSpent" REAL NOT NULL,

    PRIMARY KEY ("netuid", "uid", "block", "validatorUid")
);

-- CreateIndex
CREATE INDEX "OffchainScore_netuid_validatorUid_block_idx" ON "OffchainScore"("netuid", "validatorUid", "block");
