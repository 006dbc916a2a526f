-- DropIndex
DROP INDEX "FlowCum_netuid_blockNumber_idx";

-- AlterTable
ALTER TABLE "Extrinsic" ADD COLUMN     "argsU16" BYTEA;

-- AlterTable
ALTER TABLE "Subnet" ALTER COLUMN "hyperparams" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "MetagraphSnapshot" ADD COLUMN     "bonds" BYTEA,
ADD COLUMN     "weights" BYTEA;

-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN     "stateBrotli" BYTEA,
ALTER COLUMN "state" DROP NOT NULL;

-- AlterTable
ALTER TABLE "EpochInput" ADD COLUMN     "bonds" BYTEA,
ADD COLUMN     "weights" BYTEA;
