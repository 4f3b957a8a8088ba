import { z } from "zod";

// zod building blocks for values that come from outside and reach PostgreSQL. What passes them
// is valid for PostgreSQL, so a bad value is the sender's 400 naming its field — never a 500
// from inside a transaction, which a sender would retry forever (issue 8).

/**
 * PostgreSQL's text types refuse the NUL character, and a lone UTF-16 surrogate (a JSON escape
 * such as "\ud800" with no partner) has no UTF-8 encoding, so neither can be stored.
 */
export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !value.includes("\u0000");
}

/** A string of `min`–`max` characters that PostgreSQL can store; `name` is the field in messages. */
export function text(name: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: `${name} must be a string` })
    .min(min, min === 1 ? `${name} must not be empty` : `${name} must be at least ${min} characters`)
    .max(max, `${name} must be at most ${max} characters`)
    .refine(isStorableText, `${name} must not contain NUL characters or unpaired UTF-16 surrogates`);
}

/**
 * The path (`name`, `items.2.label`; "" for the value itself) of the first string in `value` —
 * or object key — that PostgreSQL cannot store, or null when there is none. Server actions check
 * their whole input with it before their schema, so no field of any form can carry a NUL or a
 * lone surrogate into a transaction, whatever its schema forgot (sign-up's names once did).
 */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".");
  // Past this depth no form's input goes; the schema refuses such input anyway.
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, "_key"].join(".");
    const found = findUnstorableText(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * The instants any timestamp may name. PostgreSQL's range is wider, but JavaScript prints years
 * outside 0001–9999 in a form PostgreSQL does not read back ("+010000-…", "-271821-…"), it
 * has no year 0 (what "0001-01-01T00:00:00+14:00" is in UTC), and nothing Saldo records can
 * predate 1970. Inside this range every instant round-trips between JSON, JavaScript and SQL.
 */
export const EARLIEST_INSTANT = new Date("1970-01-01T00:00:00.000Z");
export const LATEST_INSTANT = new Date("9999-12-31T23:59:59.999Z");

export function isStorableInstant(date: Date): boolean {
  return date.getTime() >= EARLIEST_INSTANT.getTime() && date.getTime() <= LATEST_INSTANT.getTime();
}

/** An ISO-8601 timestamp with a zone (`Z` or `±hh:mm`) inside the storable range, as a Date. */
export function timestamp(name: string) {
  return z.iso
    .datetime({ offset: true, error: `${name} must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-23T10:00:00Z` })
    .refine((value) => isStorableInstant(new Date(value)), `${name} must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z`)
    .transform((value) => new Date(value));
}

/**
 * A calendar day (YYYY-MM-DD) from 1970-01-02 to 9999-12-30, so that its midnight in any time
 * zone (±14 h) and the next day's are storable instants too.
 */
export function calendarDate(name: string) {
  return z.iso
    .date({ error: `${name} must be a date, YYYY-MM-DD` })
    .refine((value) => value >= "1970-01-02" && value <= "9999-12-30", `${name} must be between 1970-01-02 and 9999-12-30`);
}

/** A UUID in PostgreSQL's canonical form (any version: the ids come from gen_random_uuid()). */
export const uuid = z.guid();
