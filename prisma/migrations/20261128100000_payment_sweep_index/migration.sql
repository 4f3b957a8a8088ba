-- The payments.reconcile sweep reads open payments by age every 10 minutes; without this it
-- scans every payment ever made.
CREATE INDEX "Payment_status_updatedAt_idx" ON "Payment"("status", "updatedAt");
