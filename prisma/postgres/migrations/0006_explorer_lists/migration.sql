-- Explorer lists (issue 10 §2): indexes for the extrinsics list's filters (signer's now ends in
-- index, so a page needs no sort), each event's pallet,
-- and EventAccount (the accounts each event's data names) for the events list's account filter.
-- Written with `prisma migrate diff`, then the backfill of existing rows below, which follows
-- lib/db/event-accounts.ts.

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "pallet" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "EventAccount" (
    "account" TEXT NOT NULL,
    "blockNumber" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "pallet" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "EventAccount_pkey" PRIMARY KEY ("account","blockNumber","index")
);

-- DropIndex
DROP INDEX "Extrinsic_signer_blockNumber_idx";

-- CreateIndex
CREATE INDEX "Extrinsic_signer_blockNumber_index_idx" ON "Extrinsic"("signer", "blockNumber", "index");

-- CreateIndex
CREATE INDEX "Extrinsic_call_blockNumber_index_idx" ON "Extrinsic"("call", "blockNumber", "index");

-- CreateIndex
CREATE INDEX "Extrinsic_success_blockNumber_index_idx" ON "Extrinsic"("success", "blockNumber", "index");

-- CreateIndex
CREATE INDEX "Event_pallet_blockNumber_index_idx" ON "Event"("pallet", "blockNumber", "index");

-- Backfill: the pallet of every stored event, and the accounts their data names (a listed field
-- holding a 0x key, or the keys of a per-account record).
UPDATE "Event" SET "pallet" = split_part("name", '.', 1) WHERE strpos("name", '.') > 0;

INSERT INTO "EventAccount" ("account", "blockNumber", "index", "pallet", "name")
SELECT "a", "blockNumber", "index", "pallet", "name" FROM (
    SELECT j.value #>> '{}' AS "a", e."blockNumber", e."index", e."pallet", e."name"
    FROM "Event" e CROSS JOIN LATERAL jsonb_each(e."data"::jsonb) j
    WHERE jsonb_typeof(j.value) = 'string' AND j.key IN ('who', 'account', 'from', 'to', 'dest', 'owner', 'coldkey', 'hotkey', 'replacedHotkey', 'originHotkey', 'destinationHotkey', 'author', 'signer')
    UNION
    SELECT k AS "a", e."blockNumber", e."index", e."pallet", e."name"
    FROM "Event" e CROSS JOIN LATERAL jsonb_each(e."data"::jsonb) j
    CROSS JOIN LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(j.value) = 'object' THEN j.value ELSE '{}'::jsonb END) k
) AS "named"
WHERE "a" ~ '^0x[0-9a-f]{64}$';
