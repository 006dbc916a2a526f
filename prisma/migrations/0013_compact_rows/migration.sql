-- DropIndex
DROP INDEX "FlowCum_netuid_blockNumber_idx";

-- AlterTable
ALTER TABLE "Extrinsic" ADD COLUMN "argsU16" BLOB;

-- AlterTable
ALTER TABLE "MetagraphSnapshot" ADD COLUMN "bonds" BLOB;
ALTER TABLE "MetagraphSnapshot" ADD COLUMN "weights" BLOB;

-- AlterTable
ALTER TABLE "EpochInput" ADD COLUMN "bonds" BLOB;
ALTER TABLE "EpochInput" ADD COLUMN "weights" BLOB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subnet" (
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
    "priceBits" TEXT NOT NULL DEFAULT '0',
    "burn" TEXT NOT NULL,
    "epochIndex" INTEGER NOT NULL,
    "lastEpochBlock" BIGINT NOT NULL,
    "hyperparams" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" BIGINT NOT NULL
);
INSERT INTO "new_Subnet" ("alphaOut", "alphaReserve", "burn", "emissionEnabled", "epochIndex", "firstEmissionBlock", "hyperparams", "lastEpochBlock", "maxAllowedUids", "movingPrice", "netuid", "neuronCount", "owner", "ownerHotkey", "price", "priceBits", "registeredAt", "taoReserve", "tempo", "updatedAt") SELECT "alphaOut", "alphaReserve", "burn", "emissionEnabled", "epochIndex", "firstEmissionBlock", "hyperparams", "lastEpochBlock", "maxAllowedUids", "movingPrice", "netuid", "neuronCount", "owner", "ownerHotkey", "price", "priceBits", "registeredAt", "taoReserve", "tempo", "updatedAt" FROM "Subnet";
DROP TABLE "Subnet";
ALTER TABLE "new_Subnet" RENAME TO "Subnet";
CREATE TABLE "new_Checkpoint" (
    "blockNumber" BIGINT NOT NULL PRIMARY KEY,
    "stateRoot" TEXT NOT NULL,
    "state" TEXT,
    "stateBrotli" BLOB
);
INSERT INTO "new_Checkpoint" ("blockNumber", "state", "stateRoot") SELECT "blockNumber", "state", "stateRoot" FROM "Checkpoint";
DROP TABLE "Checkpoint";
ALTER TABLE "new_Checkpoint" RENAME TO "Checkpoint";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
