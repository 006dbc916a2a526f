-- CreateTable
CREATE TABLE "ActorState" (
    "key" TEXT NOT NULL,
    "block" BIGINT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ActorState_pkey" PRIMARY KEY ("key")
);
