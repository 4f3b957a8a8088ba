-- "Did this workspace place an outbound call in the last 30 days?" is asked inside the debit
-- transaction, under the wallet lock, when a balance falls below the call minimum
-- (lib/mail/balance-alerts.ts). Without this index the answer for a workspace that only sends
-- messages read every event it had in those 30 days. Partial: messages, the bulk of the
-- table, never enter it. Prisma's schema cannot express a partial index, so
-- test/integration/schema-drift.test.ts lists it as an allowed extra.
CREATE INDEX "UsageEvent_outbound_call_idx" ON "UsageEvent" ("workspaceId", "occurredAt" DESC)
  WHERE direction = 'outbound' AND channel IN ('voice_call', 'whatsapp_call', 'ai_voice');
