-- CreateTable
CREATE TABLE "EpochInput" (
    "netuid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("netuid", "epoch")
);

