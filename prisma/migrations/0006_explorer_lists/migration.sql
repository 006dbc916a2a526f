-- Explorer lists (issue 10 §2): indexes for the extrinsics list's filters (signer's now ends in
-- index, so a page needs no sort), each event's pallet,
-- and EventAccount (the accounts each event's data names) for the events list's account filter.
-- Written with `prisma migrate diff`, except that the new Event column is added with ALTER TABLE
-- (the diff redefines the whole table, a copy of every event; the resulting schema is the same),
-- and the backfill of existing rows below, which follows lib/db/event-accounts.ts.

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "pallet" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "EventAccount" (
    "account" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "pallet" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    PRIMARY KEY ("account", "blockNumber", "index")
);

-- CreateIndex
CREATE INDEX "Event_pallet_blockNumber_index_idx" ON "Event"("pallet", "blockNumber", "index");

-- DropIndex
DROP INDEX "Extrinsic_signer_blockNumber_idx";

-- CreateIndex
CREATE INDEX "Extrinsic_signer_blockNumber_index_idx" ON "Extrinsic"("signer", "blockNumber", "index");

-- CreateIndex
CREATE INDEX "Extrinsic_call_blockNumber_index_idx" ON "Extrinsic"("call", "blockNumber", "index");

-- CreateIndex
CREATE INDEX "Extrinsic_success_blockNumber_index_idx" ON "Extrinsic"("success", "blockNumber", "index");

-- Backfill: the pallet of every stored event, and the accounts their data names (a listed field
-- holding a 0x key, or the keys of a per-account record).
UPDATE "Event" SET "pallet" = substr("name", 1, instr("name", '.') - 1) WHERE instr("name", '.') > 0;

INSERT INTO "EventAccount" ("account", "blockNumber", "index", "pallet", "name")
SELECT "a", "blockNumber", "index", "pallet", "name" FROM (
    SELECT j."value" AS "a", e."blockNumber", e."index", e."pallet", e."name"
    FROM "Event" e, json_each(e."data") j
    WHERE j."type" = 'text' AND j."key" IN ('who', 'account', 'from', 'to', 'dest', 'owner', 'coldkey', 'hotkey', 'replacedHotkey', 'originHotkey', 'destinationHotkey', 'author', 'signer')
    UNION
    SELECT k."key" AS "a", e."blockNumber", e."index", e."pallet", e."name"
    FROM "Event" e, json_each(e."data") j, json_each(j."value") k
    WHERE j."type" = 'object'
) AS "named"
WHERE length("a") = 66 AND substr("a", 1, 2) = '0x' AND substr("a", 3) NOT GLOB '*[^0-9a-f]*';
