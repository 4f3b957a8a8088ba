-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('sms', 'whatsapp', 'email', 'voice_call', 'whatsapp_call', 'ai_voice');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('outbound', 'inbound');

-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('connected', 'busy', 'no_answer', 'failed');

-- CreateEnum
CREATE TYPE "UsageSourceType" AS ENUM ('conversation', 'campaign', 'broadcast');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('TOP_UP', 'AUTO_RECHARGE', 'USAGE', 'TRIAL_GRANT', 'ADJUSTMENT', 'REFUND', 'REVERSAL');

-- CreateEnum
CREATE TYPE "LedgerBucket" AS ENUM ('PAID', 'TRIAL');

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "whatsappCallingEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "whatsappTrialGrantedAt" TIMESTAMPTZ(3),
ADD COLUMN "whatsappApiConfiguredAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Price" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "currency" "Currency" NOT NULL,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL,
    "unit" VARCHAR(16) NOT NULL,
    "unitPrice" BIGINT NOT NULL,
    "billingIncrementSeconds" INTEGER,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurrencyPlan" (
    "currency" "Currency" NOT NULL,
    "callMinimumBalance" BIGINT NOT NULL,
    "whatsappCallTrialCredit" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurrencyPlan_pkey" PRIMARY KEY ("currency")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "kind" "LedgerKind" NOT NULL,
    "bucket" "LedgerBucket" NOT NULL,
    "amount" BIGINT NOT NULL,
    "balanceAfter" BIGINT NOT NULL,
    "reference" VARCHAR(255),
    "description" VARCHAR(500),
    "actorType" VARCHAR(16) NOT NULL,
    "actorId" VARCHAR(64),
    "idempotencyKey" VARCHAR(300) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "externalId" VARCHAR(128) NOT NULL,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "durationSeconds" INTEGER,
    "outcome" "CallOutcome",
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceType" "UsageSourceType",
    "sourceId" VARCHAR(128),
    "priceId" UUID,
    "charge" BIGINT NOT NULL,
    "trialCharge" BIGINT NOT NULL DEFAULT 0,
    "balanceAfter" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspaceId" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "createdById" UUID,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "workspaceId" UUID NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "requestHash" CHAR(64) NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("workspaceId","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Price_currency_channel_direction_validFrom_key" ON "Price"("currency", "channel", "direction", "validFrom");

-- CreateIndex
CREATE INDEX "LedgerEntry_workspaceId_createdAt_id_idx" ON "LedgerEntry"("workspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_workspaceId_idempotencyKey_key" ON "LedgerEntry"("workspaceId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "UsageEvent_workspaceId_occurredAt_id_idx" ON "UsageEvent"("workspaceId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "UsageEvent_workspaceId_externalId_key" ON "UsageEvent"("workspaceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_idx" ON "ApiKey"("workspaceId");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Default price book (micro-units of the currency). Editable data: a new row with a later
-- "validFrom" changes the price for events that occur afterwards.
INSERT INTO "Price" ("currency", "channel", "direction", "unit", "unitPrice", "billingIncrementSeconds", "validFrom") VALUES
    ('USD', 'sms',           'outbound', 'segment', 7900,   NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'sms',           'inbound',  'segment', 0,      NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'whatsapp',      'outbound', 'message', 25000,  NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'whatsapp',      'inbound',  'message', 0,      NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'email',         'outbound', 'email',   1000,   NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'email',         'inbound',  'email',   0,      NULL, '2026-01-01T00:00:00Z'),
    ('USD', 'voice_call',    'outbound', 'minute',  14000,  60,   '2026-01-01T00:00:00Z'),
    ('USD', 'voice_call',    'inbound',  'minute',  8500,   60,   '2026-01-01T00:00:00Z'),
    ('USD', 'whatsapp_call', 'outbound', 'minute',  100000, 60,   '2026-01-01T00:00:00Z'),
    ('USD', 'whatsapp_call', 'inbound',  'minute',  0,      60,   '2026-01-01T00:00:00Z'),
    ('USD', 'ai_voice',      'outbound', 'minute',  120000, 60,   '2026-01-01T00:00:00Z'),
    ('USD', 'ai_voice',      'inbound',  'minute',  120000, 60,   '2026-01-01T00:00:00Z'),
    ('INR', 'sms',           'outbound', 'segment', 250000,  NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'sms',           'inbound',  'segment', 0,       NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'whatsapp',      'outbound', 'message', 880000,  NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'whatsapp',      'inbound',  'message', 0,       NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'email',         'outbound', 'email',   80000,   NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'email',         'inbound',  'email',   0,       NULL, '2026-01-01T00:00:00Z'),
    ('INR', 'voice_call',    'outbound', 'minute',  1200000, 60,   '2026-01-01T00:00:00Z'),
    ('INR', 'voice_call',    'inbound',  'minute',  700000,  60,   '2026-01-01T00:00:00Z'),
    ('INR', 'whatsapp_call', 'outbound', 'minute',  8000000, 60,   '2026-01-01T00:00:00Z'),
    ('INR', 'whatsapp_call', 'inbound',  'minute',  0,       60,   '2026-01-01T00:00:00Z'),
    ('INR', 'ai_voice',      'outbound', 'minute',  10000000, 60,  '2026-01-01T00:00:00Z'),
    ('INR', 'ai_voice',      'inbound',  'minute',  10000000, 60,  '2026-01-01T00:00:00Z');

-- Call minimums from the WhatsApp calling article (R3) and the trial credit (R8): $1.00 is
-- about 10 minutes at $0.10; ₹80.00 about 10 minutes at ₹8.00.
INSERT INTO "CurrencyPlan" ("currency", "callMinimumBalance", "whatsappCallTrialCredit") VALUES
    ('USD', 10000000, 1000000),
    ('INR', 500000000, 80000000);
