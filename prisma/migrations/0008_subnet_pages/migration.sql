-- AlterTable
ALTER TABLE "SubnetEpoch" ADD COLUMN "burn" TEXT;

-- CreateIndex
CREATE INDEX "SubnetEpoch_netuid_block_idx" ON "SubnetEpoch"("netuid", "block");

-- CreateIndex
CREATE INDEX "UidRegistration_netuid_block_idx" ON "UidRegistration"("netuid", "block");

-- Backfill: every stored epoch's registration price, from its metagraph snapshot.
UPDATE "SubnetEpoch" SET "burn" = (SELECT json_extract(m."data", '$.burn') FROM "MetagraphSnapshot" m WHERE m."netuid" = "SubnetEpoch"."netuid" AND m."epoch" = "SubnetEpoch"."epoch");
