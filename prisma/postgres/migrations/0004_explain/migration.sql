-- CreateTable
CREATE TABLE "EpochInput" (
    "netuid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "EpochInput_pkey" PRIMARY KEY ("netuid","epoch")
);

