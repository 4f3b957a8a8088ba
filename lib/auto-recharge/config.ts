import "server-only";
import { z } from "zod";

// AUTO_RECHARGE_RETRY_DELAYS_SECONDS: how long to wait before the next attempt after the 1st,
// 2nd, … failure in a row, comma-separated (default "60,300": one minute, then five). The last
// value repeats if there are more failures than values. Read on every use so tests can shorten it.
const DEFAULT_DELAYS = [60, 300];

const delays = z
  .string()
  .trim()
  .regex(/^\d+(\s*,\s*\d+)*$/, "AUTO_RECHARGE_RETRY_DELAYS_SECONDS must be whole seconds separated by commas, e.g. 60,300")
  .transform((text) => text.split(",").map((part) => Number(part.trim())));

export function retryDelaysSeconds(): number[] {
  const raw = process.env.AUTO_RECHARGE_RETRY_DELAYS_SECONDS;
  return raw === undefined || raw.trim() === "" ? DEFAULT_DELAYS : delays.parse(raw);
}

/** The wait before the attempt that follows failure number `failures` (1-based). */
export function retryDelaySeconds(failures: number): number {
  const list = retryDelaysSeconds();
  return list[Math.min(Math.max(failures, 1), list.length) - 1];
}
