-- CreateTable
CREATE TABLE "MempoolEntry" (
    "hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "nonce" INTEGER NOT NULL,
    "call" TEXT NOT NULL,
    "args" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "submittedAt" BIGINT NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dropSeq" INTEGER,
    "droppedAt" BIGINT,
    "cause" TEXT,
    "reason" TEXT,

    CONSTRAINT "MempoolEntry_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "MempoolEntry_state_seq_idx" ON "MempoolEntry"("state", "seq");
