-- CreateTable
CREATE TABLE "OffchainScore" (
    "netuid" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "validatorUid" INTEGER NOT NULL,
    "tempo" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "ema" DOUBLE PRECISION NOT NULL,
    "computeSpent" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "OffchainScore_pkey" PRIMARY KEY ("netuid","uid","block","validatorUid")
);

-- CreateIndex
CREATE INDEX "OffchainScore_netuid_validatorUid_block_idx" ON "OffchainScore"("netuid", "validatorUid", "block");
