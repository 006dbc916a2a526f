-- CreateTable
CREATE TABLE "Block" (
    "number" BIGINT NOT NULL PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "parentHash" TEXT NOT NULL,
    "stateRoot" TEXT NOT NULL,
    "extrinsicsRoot" TEXT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "author" TEXT NOT NULL,
    "extrinsicCount" INTEGER NOT NULL,
    "eventCount" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Extrinsic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "blockNumber" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "call" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "args" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "fee" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "error" TEXT,
    "errorDetail" TEXT
);

-- CreateTable
CREATE TABLE "Event" (
    "blockNumber" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "extrinsicIndex" INTEGER,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("blockNumber", "index")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ss58" TEXT NOT NULL,
    "free" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "updatedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "Subnet" (
    "netuid" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "ownerHotkey" TEXT NOT NULL,
    "registeredAt" BIGINT NOT NULL,
    "firstEmissionBlock" BIGINT,
    "tempo" INTEGER NOT NULL,
    "neuronCount" INTEGER NOT NULL,
    "maxAllowedUids" INTEGER NOT NULL,
    "emissionEnabled" BOOLEAN NOT NULL,
    "taoReserve" TEXT NOT NULL,
    "alphaReserve" TEXT NOT NULL,
    "alphaOut" TEXT NOT NULL,
    "price" TEXT NOT NULL,
    "movingPrice" TEXT NOT NULL,
    "burn" TEXT NOT NULL,
    "epochIndex" INTEGER NOT NULL,
    "lastEpochBlock" BIGINT NOT NULL,
    "hyperparams" TEXT NOT NULL,
    "updatedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "SubnetEpoch" (
    "netuid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "emission" TEXT NOT NULL,
    "taoReserve" TEXT NOT NULL,
    "alphaReserve" TEXT NOT NULL,
    "price" TEXT NOT NULL,
    "neuronCount" INTEGER NOT NULL,

    PRIMARY KEY ("netuid", "epoch")
);

-- CreateTable
CREATE TABLE "Neuron" (
    "netuid" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "hotkey" TEXT NOT NULL,
    "coldkey" TEXT NOT NULL,
    "stake" TEXT NOT NULL,
    "consensus" INTEGER NOT NULL,
    "incentive" INTEGER NOT NULL,
    "dividends" INTEGER NOT NULL,
    "validatorTrust" INTEGER NOT NULL,
    "emission" TEXT NOT NULL,
    "validatorPermit" BOOLEAN NOT NULL,
    "active" BOOLEAN NOT NULL,
    "lastUpdate" BIGINT NOT NULL,
    "registeredAt" BIGINT NOT NULL,
    "axon" TEXT,

    PRIMARY KEY ("netuid", "uid")
);

-- CreateTable
CREATE TABLE "MetagraphSnapshot" (
    "netuid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "n" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("netuid", "epoch")
);

-- CreateTable
CREATE TABLE "StakePosition" (
    "hotkey" TEXT NOT NULL,
    "coldkey" TEXT NOT NULL,
    "netuid" INTEGER NOT NULL,
    "alpha" TEXT NOT NULL,

    PRIMARY KEY ("hotkey", "coldkey", "netuid")
);

-- CreateTable
CREATE TABLE "NetworkStat" (
    "blockNumber" BIGINT NOT NULL PRIMARY KEY,
    "issuance" TEXT NOT NULL,
    "free" TEXT NOT NULL,
    "staked" TEXT NOT NULL,
    "pooled" TEXT NOT NULL,
    "recycled" TEXT NOT NULL,
    "blockEmission" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Checkpoint" (
    "blockNumber" BIGINT NOT NULL PRIMARY KEY,
    "stateRoot" TEXT NOT NULL,
    "state" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Block_hash_key" ON "Block"("hash");

-- CreateIndex
CREATE INDEX "Extrinsic_signer_blockNumber_idx" ON "Extrinsic"("signer", "blockNumber");

-- CreateIndex
CREATE INDEX "Extrinsic_hash_idx" ON "Extrinsic"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "Extrinsic_blockNumber_index_key" ON "Extrinsic"("blockNumber", "index");

-- CreateIndex
CREATE INDEX "Event_name_blockNumber_idx" ON "Event"("name", "blockNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Account_ss58_key" ON "Account"("ss58");

-- CreateIndex
CREATE INDEX "Neuron_hotkey_idx" ON "Neuron"("hotkey");

-- CreateIndex
CREATE INDEX "StakePosition_coldkey_idx" ON "StakePosition"("coldkey");

