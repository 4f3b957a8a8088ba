-- The weekly summary e-mail (R14): on by default, and when it was last written, so each local
-- week gets one at most whichever process sends it.
ALTER TABLE "Workspace" ADD COLUMN "weeklySummaryEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Workspace" ADD COLUMN "weeklySummarySentAt" TIMESTAMPTZ(3);
