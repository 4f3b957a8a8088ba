-- Entries of one wallet are written under its row lock, so a global sequence orders them
-- exactly as their balances moved; timestamps alone tie within a transaction.
ALTER TABLE "LedgerEntry" ADD COLUMN "seq" BIGSERIAL NOT NULL;

-- DropIndex
DROP INDEX "LedgerEntry_workspaceId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "LedgerEntry_workspaceId_seq_idx" ON "LedgerEntry"("workspaceId", "seq" DESC);
