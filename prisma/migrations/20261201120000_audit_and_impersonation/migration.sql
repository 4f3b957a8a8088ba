-- The audit trail and support staff's impersonations (issue 10).

-- One row per event: who (a workspace user, a staff member, the operator of the admin CLI, or
-- the system), in which workspace, through which impersonation if any, what and why, what
-- changed, when, and from where. Append-only: the app only inserts, and the trigger below
-- refuses UPDATE, DELETE and TRUNCATE, so not even a bug (or a stolen app connection) can
-- rewrite history. No foreign keys on purpose: a cascade from a deleted user or workspace would
-- be a DELETE, and the rows must outlive what they talk about.
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL DEFAULT saldo_uuid_v7(),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workspaceId" UUID,
    "actorType" VARCHAR(16) NOT NULL,
    "actorId" UUID,
    "actorEmail" VARCHAR(254),
    "impersonationId" UUID,
    "action" VARCHAR(64) NOT NULL,
    "target" VARCHAR(255),
    "reason" VARCHAR(500),
    "changes" JSONB NOT NULL DEFAULT '{}',
    "ip" VARCHAR(45),
    "userAgent" VARCHAR(500),

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditEvent_actorType_check" CHECK ("actorType" IN ('user', 'staff', 'operator', 'system'))
);

-- A workspace's trail, newest first (Settings → Audit log, the console's overview).
CREATE INDEX "AuditEvent_workspaceId_createdAt_idx" ON "AuditEvent"("workspaceId", "createdAt" DESC);
-- The staff's filters across workspaces: by actor, by action, by date.
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt" DESC);
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt" DESC);
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt" DESC);

CREATE FUNCTION saldo_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION saldo_audit_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION saldo_audit_append_only();

-- A staff member viewing a workspace as its owner sees it: at most 30 minutes, ended by Stop
-- viewing, by starting another one (replaced) or by time (expired, noticed by the next request).
CREATE TABLE "Impersonation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "staffUserId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endedById" UUID,
    "endReason" VARCHAR(16),

    CONSTRAINT "Impersonation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Impersonation_reason_check" CHECK (char_length("reason") BETWEEN 10 AND 500),
    CONSTRAINT "Impersonation_expiresAt_check" CHECK ("expiresAt" > "startedAt" AND "expiresAt" <= "startedAt" + interval '30 minutes'),
    CONSTRAINT "Impersonation_end_check" CHECK (("endedAt" IS NULL) = ("endReason" IS NULL) AND ("endReason" IS NULL OR "endReason" IN ('stopped', 'replaced', 'expired')))
);

CREATE INDEX "Impersonation_workspaceId_startedAt_idx" ON "Impersonation"("workspaceId", "startedAt" DESC);
-- At most one open impersonation per staff member: starting another ends the first.
CREATE UNIQUE INDEX "Impersonation_open_per_staff_key" ON "Impersonation"("staffUserId") WHERE "endedAt" IS NULL;

ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
