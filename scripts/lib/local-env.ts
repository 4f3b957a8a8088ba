// Settings the local (embedded) mode fills in by itself, so `npm run dev` needs no .env file.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const DATA_DIR = path.resolve(import.meta.dirname, "../../.data");

/** A NEXTAUTH_SECRET kept in .data/, so sessions survive restarts of the local server. */
export function localAuthSecret(): string {
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
