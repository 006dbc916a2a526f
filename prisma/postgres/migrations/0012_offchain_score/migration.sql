-- CreateTable
CREATE TABLE "OffchainScore" (
    "netuid" INTEGER NOT NULL,
    "miner" TEXT NOT NULL,
    "block" BIGINT NOT NULL,
    "validator" TEXT NOT NULL,
    "tempo" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "ema" DOUBLE PRECISION NOT NULL,
    "computeSpent" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "OffchainScore_pkey" PRIMARY KEY ("netuid","miner","block","validator")
);

-- CreateIndex
CREATE INDEX "OffchainScore_netuid_validator_block_idx" ON "OffchainScore"("netuid", "validator", "block");
