-- CreateTable
CREATE TABLE "AccountTotal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ss58" TEXT NOT NULL,
    "free" TEXT NOT NULL,
    "staked" TEXT NOT NULL,
    "total" TEXT NOT NULL,
    "updatedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "Transfer" (
    "blockNumber" BIGINT NOT NULL,
    "eventIndex" INTEGER NOT NULL,
    "extrinsicIndex" INTEGER,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "amount" TEXT NOT NULL,

    PRIMARY KEY ("blockNumber", "eventIndex")
);

-- CreateTable
CREATE TABLE "AccountBalance" (
    "id" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "free" TEXT NOT NULL,

    PRIMARY KEY ("id", "blockNumber")
);

-- CreateTable
CREATE TABLE "HotkeyTake" (
    "hotkey" TEXT NOT NULL PRIMARY KEY,
    "take" INTEGER NOT NULL,
    "changedAt" BIGINT NOT NULL
);

-- AlterTable
ALTER TABLE "Subnet" ADD COLUMN "priceBits" TEXT NOT NULL DEFAULT '0';

-- CreateIndex
CREATE INDEX "AccountTotal_free_id_idx" ON "AccountTotal"("free", "id");

-- CreateIndex
CREATE INDEX "AccountTotal_staked_id_idx" ON "AccountTotal"("staked", "id");

-- CreateIndex
CREATE INDEX "AccountTotal_total_id_idx" ON "AccountTotal"("total", "id");

-- CreateIndex
CREATE INDEX "Transfer_from_blockNumber_eventIndex_idx" ON "Transfer"("from", "blockNumber", "eventIndex");

-- CreateIndex
CREATE INDEX "Transfer_to_blockNumber_eventIndex_idx" ON "Transfer"("to", "blockNumber", "eventIndex");

-- CreateIndex
CREATE INDEX "NeuronEpoch_hotkey_block_idx" ON "NeuronEpoch"("hotkey", "block");

-- Backfill: the transfers already stored as events, and each account's current balance as its first history point.
INSERT INTO "Transfer" ("blockNumber", "eventIndex", "extrinsicIndex", "from", "to", "amount")
SELECT "blockNumber", "index", "extrinsicIndex", json_extract("data", '$.from'), json_extract("data", '$.to'), json_extract("data", '$.amount') FROM "Event" WHERE "name" = 'Balances.Transfer';
INSERT INTO "AccountBalance" ("id", "blockNumber", "free") SELECT "id", "updatedAt", "free" FROM "Account";
