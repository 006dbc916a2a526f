-- CreateTable
CREATE TABLE "FlowCum" (
    "blockNumber" BIGINT NOT NULL,
    "netuid" INTEGER NOT NULL,
    "taoIn" TEXT NOT NULL,
    "taoBought" TEXT NOT NULL,
    "taoRecycled" TEXT NOT NULL,
    "alphaEmitted" TEXT NOT NULL,
    "alphaRootRecycled" TEXT NOT NULL,
    "epochEmission" TEXT NOT NULL,
    "ownerCut" TEXT NOT NULL,
    "incentive" TEXT NOT NULL,
    "burnedIncentive" TEXT NOT NULL,
    "take" TEXT NOT NULL,
    "nominators" TEXT NOT NULL,
    "rootDividends" TEXT NOT NULL,
    "rootSoldAlpha" TEXT NOT NULL,
    "rootSoldTao" TEXT NOT NULL,
    "dropped" TEXT NOT NULL,
    "drained" TEXT NOT NULL,
    "epochs" INTEGER NOT NULL,

    PRIMARY KEY ("blockNumber", "netuid")
);

-- CreateTable
CREATE TABLE "FlowNetwork" (
    "blockNumber" BIGINT NOT NULL PRIMARY KEY,
    "blockEmission" TEXT NOT NULL,
    "minted" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "FlowCum_netuid_blockNumber_idx" ON "FlowCum"("netuid", "blockNumber");

