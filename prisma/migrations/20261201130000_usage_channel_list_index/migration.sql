-- The Usage screen's event list filtered by channel (50 rows, newest first). Totals come from the
-- daily rollups now, but the rows on screen are events: with only (workspaceId, occurredAt, id)
-- PostgreSQL read every event of a 1,000,000-event workspace to find the newest 51 WhatsApp calls
-- (a bitmap scan and a sort, 388 ms; the page's p95 was 606 ms in the benchmark). With the channel
-- after the workspace the filtered list is one index range in the list's order, like the unfiltered
-- one. One more index entry per ingested event is the price (README, Benchmark).
CREATE INDEX "UsageEvent_workspaceId_channel_occurredAt_id_idx" ON "UsageEvent" ("workspaceId", channel, "occurredAt" DESC, id DESC);
