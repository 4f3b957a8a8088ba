import "server-only";
import { z } from "zod";
import { changedFields, recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { text } from "@/lib/validation";

// The WhatsApp API's setup (R13): the workspace's WhatsApp Business number and the two ids Meta
// gives it. Saving them is what makes WhatsApp messages active; Workspace.whatsappApiConfiguredAt
// stays the one "is it configured" that channel availability and POST /api/v1/authorize read,
// set and cleared together with the details (a CHECK constraint holds them to it).

/** Separators people type in phone numbers, dropped before checking the E.164 form. */
const PHONE_SEPARATORS = /[\s\-().]/g;

// Messages are translation keys (errors.*), like the workspace schemas.
export const whatsappApiSchema = z.object({
  /** E.164: "+", a country code that does not start with 0, up to 15 digits in all. */
  phoneNumber: text("phoneNumber", { max: 32 })
    .transform((value) => value.replace(PHONE_SEPARATORS, ""))
    .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, "whatsapp_phone_invalid")),
  /** Meta's "Phone number ID" and "WhatsApp Business Account ID": numeric strings. */
  phoneNumberId: text("phoneNumberId", { max: 64 })
    .transform((value) => value.trim())
    .pipe(z.string().regex(/^\d{10,20}$/, "whatsapp_id_invalid")),
  businessAccountId: text("businessAccountId", { max: 64 })
    .transform((value) => value.trim())
    .pipe(z.string().regex(/^\d{10,20}$/, "whatsapp_id_invalid")),
});

export type WhatsappApiInput = z.input<typeof whatsappApiSchema>;

export type WhatsappApiView = {
  phoneNumber: string;
  phoneNumberId: string;
  businessAccountId: string;
  configuredAt: Date;
} | null;

/** The saved setup, or null when the WhatsApp API is not configured (or has no details). */
export function whatsappApiView(workspace: {
  whatsappApiConfiguredAt: Date | null;
  whatsappPhoneNumber: string | null;
  whatsappPhoneNumberId: string | null;
  whatsappBusinessAccountId: string | null;
}): WhatsappApiView {
  const { whatsappApiConfiguredAt: configuredAt, whatsappPhoneNumber, whatsappPhoneNumberId, whatsappBusinessAccountId } = workspace;
  if (!configuredAt || !whatsappPhoneNumber || !whatsappPhoneNumberId || !whatsappBusinessAccountId) return null;
  return { phoneNumber: whatsappPhoneNumber, phoneNumberId: whatsappPhoneNumberId, businessAccountId: whatsappBusinessAccountId, configuredAt };
}

/**
 * Saves (or edits) the setup; the WhatsApp API is active from the first save. Editing keeps the
 * first configuration time. Validates again, so a caller outside the form is held to it too.
 */
export async function configureWhatsappApi(workspaceId: string, input: WhatsappApiInput, audit: AuditContext) {
  const parsed = whatsappApiSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid_field", `Invalid ${String(issue?.path[0] ?? "input")}`, String(issue?.path[0] ?? "_form"), { key: issue?.message });
  }
  const { phoneNumber, phoneNumberId, businessAccountId } = parsed.data;
  return db.$transaction(async (tx) => {
    // Locked, so two saves at once each audit the change they made.
    await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: DETAILS });
    const workspace = await tx.workspace.update({
      where: { id: workspaceId },
      data: {
        whatsappPhoneNumber: phoneNumber,
        whatsappPhoneNumberId: phoneNumberId,
        whatsappBusinessAccountId: businessAccountId,
        whatsappApiConfiguredAt: before.whatsappApiConfiguredAt ?? new Date(),
      },
      select: DETAILS,
    });
    const changes = changedFields(detailsOf(before), detailsOf(workspace));
    if (Object.keys(changes).length > 0) await recordAudit(tx, audit, { action: "whatsapp_api.configured", changes });
    return whatsappApiView(workspace)!;
  });
}

/** Removes the setup: WhatsApp messages are refused again (authorize answers channel_disabled). */
export async function removeWhatsappApi(workspaceId: string, audit: AuditContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: workspaceId, whatsappApiConfiguredAt: { not: null } },
      data: { whatsappPhoneNumber: null, whatsappPhoneNumberId: null, whatsappBusinessAccountId: null, whatsappApiConfiguredAt: null },
    });
    if (count > 0) await recordAudit(tx, audit, { action: "whatsapp_api.removed" });
  });
}

const DETAILS = { whatsappApiConfiguredAt: true, whatsappPhoneNumber: true, whatsappPhoneNumberId: true, whatsappBusinessAccountId: true } as const;

/** What the audit row compares: the three details (the configuration time is not a setting). */
function detailsOf(row: { whatsappPhoneNumber: string | null; whatsappPhoneNumberId: string | null; whatsappBusinessAccountId: string | null }) {
  return { phoneNumber: row.whatsappPhoneNumber, phoneNumberId: row.whatsappPhoneNumberId, businessAccountId: row.whatsappBusinessAccountId };
}
