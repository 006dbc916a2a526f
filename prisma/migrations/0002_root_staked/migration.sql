-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NetworkStat" (
    "blockNumber" BIGINT NOT NULL PRIMARY KEY,
    "issuance" TEXT NOT NULL,
    "free" TEXT NOT NULL,
    "staked" TEXT NOT NULL,
    "pooled" TEXT NOT NULL,
    "rootStaked" TEXT NOT NULL DEFAULT '0',
    "recycled" TEXT NOT NULL,
    "blockEmission" TEXT NOT NULL
);
INSERT INTO "new_NetworkStat" ("blockEmission", "blockNumber", "free", "issuance", "pooled", "recycled", "staked") SELECT "blockEmission", "blockNumber", "free", "issuance", "pooled", "recycled", "staked" FROM "NetworkStat";
DROP TABLE "NetworkStat";
ALTER TABLE "new_NetworkStat" RENAME TO "NetworkStat";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

