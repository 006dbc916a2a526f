-- AlterTable
ALTER TABLE "Subnet" ADD COLUMN     "priceBits" TEXT NOT NULL DEFAULT '0';

-- CreateTable
CREATE TABLE "AccountTotal" (
    "id" TEXT NOT NULL,
    "ss58" TEXT NOT NULL,
    "free" TEXT NOT NULL,
    "staked" TEXT NOT NULL,
    "total" TEXT NOT NULL,
    "updatedAt" BIGINT NOT NULL,

    CONSTRAINT "AccountTotal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transfer" (
    "blockNumber" BIGINT NOT NULL,
    "eventIndex" INTEGER NOT NULL,
    "extrinsicIndex" INTEGER,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "amount" TEXT NOT NULL,

    CONSTRAINT "Transfer_pkey" PRIMARY KEY ("blockNumber","eventIndex")
);

-- CreateTable
CREATE TABLE "AccountBalance" (
    "id" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "free" TEXT NOT NULL,

    CONSTRAINT "AccountBalance_pkey" PRIMARY KEY ("id","blockNumber")
);

-- CreateTable
CREATE TABLE "HotkeyTake" (
    "hotkey" TEXT NOT NULL,
    "take" INTEGER NOT NULL,
    "changedAt" BIGINT NOT NULL,

    CONSTRAINT "HotkeyTake_pkey" PRIMARY KEY ("hotkey")
);

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
SELECT "blockNumber", "index", "extrinsicIndex", ("data"::jsonb)->>'from', ("data"::jsonb)->>'to', ("data"::jsonb)->>'amount' FROM "Event" WHERE "name" = 'Balances.Transfer';
INSERT INTO "AccountBalance" ("id", "blockNumber", "free") SELECT "id", "updatedAt", "free" FROM "Account";
