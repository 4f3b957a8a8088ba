-- Issue 11: the onboarding walkthrough's two visited steps, who dismissed it, and the WhatsApp
-- API's details (R13). whatsappApiConfiguredAt stays the one "is the WhatsApp API configured"
-- (POST /api/v1/authorize reads it); the CHECK keeps the details set exactly when it is.
ALTER TABLE "Workspace"
    ADD COLUMN "whatsappPhoneNumber" VARCHAR(16),
    ADD COLUMN "whatsappPhoneNumberId" VARCHAR(32),
    ADD COLUMN "whatsappBusinessAccountId" VARCHAR(32),
    ADD COLUMN "onboardingWalletOpenedAt" TIMESTAMPTZ(3),
    ADD COLUMN "onboardingUsageOpenedAt" TIMESTAMPTZ(3);

-- A workspace marked configured before this migration (demo data) keeps working; it simply has
-- no details to show, so the check only binds the details to the timestamp, not the reverse.
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_whatsapp_api_details_check" CHECK (
    ("whatsappPhoneNumber" IS NULL AND "whatsappPhoneNumberId" IS NULL AND "whatsappBusinessAccountId" IS NULL)
    OR ("whatsappPhoneNumber" IS NOT NULL AND "whatsappPhoneNumberId" IS NOT NULL AND "whatsappBusinessAccountId" IS NOT NULL
        AND "whatsappApiConfiguredAt" IS NOT NULL)
);

ALTER TABLE "Membership"
    ADD COLUMN "onboardingDismissedAt" TIMESTAMPTZ(3),
    ADD COLUMN "onboardingCompletionSeenAt" TIMESTAMPTZ(3);
