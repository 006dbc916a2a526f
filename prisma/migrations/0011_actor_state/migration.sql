-- CreateTable
CREATE TABLE "ActorState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "block" BIGINT NOT NULL,
    "data" TEXT NOT NULL
);
