-- "Balance after" showed the balance of the entry's own bucket: $0.00 after a call paid with
-- trial credit while $3.00 was available. Each entry now also stores the available balance
-- (paid + trial) right after it, which is what the wallet shows.
ALTER TABLE "LedgerEntry" ADD COLUMN "availableAfter" BIGINT;

-- Backfill: the wallet is the sum of its entries (both buckets start at zero and only the ledger
-- moves them), so the available balance after an entry is the running sum of the workspace's
-- amounts, in the order the wallet lock granted them (seq).
UPDATE "LedgerEntry" AS e
SET "availableAfter" = running.available
FROM (
  SELECT id, SUM(amount) OVER (PARTITION BY "workspaceId" ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS available
  FROM "LedgerEntry"
) AS running
WHERE running.id = e.id;

ALTER TABLE "LedgerEntry" ALTER COLUMN "availableAfter" SET NOT NULL;
