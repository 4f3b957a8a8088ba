/** Whole minutes left of a support visit ending at `expiresAt`, rounded up (20 s left says 1 min). */
export function minutesLeft(expiresAt: Date, now = Date.now()): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now) / 60_000));
}
