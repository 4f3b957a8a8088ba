import { z } from "zod";
import { COUNTRY_CODES } from "@/lib/workspaces/countries";
import { LOCALES } from "@/lib/i18n/config";
import { isStorableText } from "@/lib/validation";
import { SLUG_PATTERN } from "@/lib/workspaces/slug";

/**
 * Any IANA zone name the runtime knows, aliases such as Asia/Kolkata included. Not the UTC
 * offsets Intl also takes ("+01:00"): PostgreSQL reads those as POSIX zones, east and west
 * swapped, and the workspace's dates would be off by twice the offset.
 */
export function isTimeZone(zone: string): boolean {
  if (zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone as IANA spells it ("europe/madrid" → "Europe/Madrid"), keeping the alias it was given. */
function ianaSpelling(zone: string): string {
  const resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

// Messages are translation keys (errors.*): forms show them in the user's language.
export const workspaceFields = {
  name: z.string().trim().min(2, "name_too_short").max(100, "name_too_long").refine(isStorableText, "unstorable_text"),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => COUNTRY_CODES.includes(code), "country_unknown"),
  timeZone: z.string().trim().refine(isTimeZone, "time_zone_unknown").transform(ianaSpelling),
  locale: z.enum(LOCALES, { message: "locale_unknown" }),
};

export const userFields = {
  email: z.string().trim().toLowerCase().pipe(z.email("email_invalid").max(254, "email_invalid")),
  name: z.string().trim().min(1, "required").max(100, "name_too_long").refine(isStorableText, "unstorable_text"),
  password: z.string().min(10, "password_too_short").max(200, "password_too_long"),
};

export const createWorkspaceSchema = z.object({
  ...workspaceFields,
  /** The country's main zone when absent (lib/workspaces/countries.ts). */
  timeZone: workspaceFields.timeZone.optional(),
  /** Derived from the name when absent. */
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN, "slug_invalid")
    .optional(),
  owner: z.object(userFields),
});

export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;
