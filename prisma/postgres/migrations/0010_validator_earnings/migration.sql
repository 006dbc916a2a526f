-- DropIndex
DROP INDEX "NeuronEpoch_hotkey_block_idx";

-- AlterTable
ALTER TABLE "NeuronEpoch" ADD COLUMN     "emissionTao" BIGINT;

-- CreateIndex
CREATE INDEX "NeuronEpoch_hotkey_block_emissionTao_idx" ON "NeuronEpoch"("hotkey", "block", "emissionTao");

-- Backfill: each stored epoch's emission in rao of τ, floor(e × p / 10^9) with p the epoch's
-- price in rao (its 9-decimal text, p1 . p0), exact in 64-bit integers as
-- e × p1 + (e / 10^9) × p0 + ((e % 10^9) × p0) / 10^9; the emission itself on seed2024; null
-- where the epoch has no stored price (the store writes what the validators list then counts as 0).
UPDATE "NeuronEpoch" SET "emissionTao" = CASE
  WHEN (SELECT ("value"::jsonb)->>'preset' FROM "Meta" WHERE "key" = 'genesisSpec') = 'seed2024' THEN CAST("emission" AS BIGINT)
  ELSE (
    SELECT CAST("NeuronEpoch"."emission" AS BIGINT) * CAST(split_part(e."price", '.', 1) AS BIGINT)
      + (CAST("NeuronEpoch"."emission" AS BIGINT) / 1000000000) * CAST(split_part(e."price", '.', 2) AS BIGINT)
      + ((CAST("NeuronEpoch"."emission" AS BIGINT) % 1000000000) * CAST(split_part(e."price", '.', 2) AS BIGINT)) / 1000000000
    FROM "SubnetEpoch" e WHERE e."netuid" = "NeuronEpoch"."netuid" AND e."epoch" = "NeuronEpoch"."epoch"
  )
END;
