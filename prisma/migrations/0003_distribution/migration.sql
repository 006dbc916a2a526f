-- CreateTable
CREATE TABLE "EpochSplit" (
    "netuid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "emission" TEXT NOT NULL,
    "ownerCut" TEXT NOT NULL,
    "miners" TEXT NOT NULL,
    "burnedIncentive" TEXT NOT NULL,
    "validatorTake" TEXT NOT NULL,
    "nominators" TEXT NOT NULL,
    "root" TEXT NOT NULL,
    "unallocated" TEXT NOT NULL,
    "price" TEXT NOT NULL,

    PRIMARY KEY ("netuid", "epoch")
);

-- CreateTable
CREATE TABLE "NeuronEpoch" (
    "netuid" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "epoch" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "hotkey" TEXT NOT NULL,
    "stake" TEXT NOT NULL,
    "incentive" INTEGER NOT NULL,
    "dividends" INTEGER NOT NULL,
    "emission" TEXT NOT NULL,
    "consensus" INTEGER NOT NULL,
    "validatorTrust" INTEGER NOT NULL,

    PRIMARY KEY ("netuid", "uid", "epoch")
);

-- CreateTable
CREATE TABLE "UidRegistration" (
    "netuid" INTEGER NOT NULL,
    "uid" INTEGER NOT NULL,
    "block" BIGINT NOT NULL,
    "hotkey" TEXT NOT NULL,
    "coldkey" TEXT NOT NULL,
    "replaced" TEXT,

    PRIMARY KEY ("netuid", "uid", "block")
);

