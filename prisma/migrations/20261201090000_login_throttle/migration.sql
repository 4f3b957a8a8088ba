-- Sign-in throttling per e-mail address and per client address with doubling delays, instead
-- of a 15-minute lock per address. The old counts are dropped: at worst an attacker gets a
-- fresh start once, and nobody stays locked out by the old rule.
DROP TABLE "LoginThrottle";

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "scope" VARCHAR(8) NOT NULL,
    "key" VARCHAR(254) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("scope","key")
);
