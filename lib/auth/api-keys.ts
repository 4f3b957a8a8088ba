import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit, systemAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listenForRevocations, notifyRevocation } from "@/lib/auth/api-key-revocations";
import { isStorableText } from "@/lib/validation";

// Secrets carry 256 random bits, so a plain SHA-256 is a safe way to store them: unlike
// passwords they cannot be guessed, and lookups by hash stay one indexed query.
const SECRET_PREFIX = "sk_saldo_";
const SECRET_PATTERN = /^sk_saldo_[A-Za-z0-9_-]{43}$/;
// Writing lastUsedAt on every request would turn each read into a write; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;
// Every API request starts with this lookup; remembering answers briefly saves a database round
// trip per request (the authorize hot path). Revoking evicts the key in this process at once and,
// through lib/auth/api-key-revocations.ts, in every other app process as the revocation commits;
// only while a process's listening connection is down does it keep accepting a revoked key, for
// at most this many milliseconds. The map lives on globalThis because the production server
// loads this module twice — in Next.js's bundle, where the revoke action runs, and beside it for
// the public API (scripts/app-server.ts) — and both must see the eviction.
const CACHE_TTL_MS = 5_000;
type KeyCache = { entries: Map<string, { caller: ApiCaller | null; expires: number }>; evictions: number };
const globalForKeys = globalThis as unknown as { saldoApiKeyCache?: KeyCache };
const cache = (globalForKeys.saldoApiKeyCache ??= { entries: new Map(), evictions: 0 });

/** Forgets a revoked key (null: every key). */
function forget(apiKeyId: string | null) {
  cache.evictions++;
  if (apiKeyId === null) return cache.entries.clear();
  for (const [hash, entry] of cache.entries) if (entry.caller?.apiKeyId === apiKeyId) cache.entries.delete(hash);
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiKey(workspaceId: string, name: string, createdById?: string, audit: AuditContext = systemAudit(workspaceId)) {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || !isStorableText(trimmed)) {
    throw new AppError("invalid_field", "Name must be 1 to 100 characters, without NUL characters or unpaired surrogates", "name");
  }
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const apiKey = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { workspaceId, name: trimmed, prefix: secret.slice(0, 14), hash: hashApiKey(secret), createdById },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAudit(tx, audit, { action: "api_key.created", target: created.id, changes: { name: created.name, prefix: created.prefix } });
    return created;
  });
  return { secret, apiKey };
}

export async function listApiKeys(workspaceId: string) {
  return db.apiKey.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiKey(workspaceId: string, apiKeyId: string, audit: AuditContext = systemAudit(workspaceId)) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: apiKeyId, workspaceId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("not_found", "No active key with that id");
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: { name: true, prefix: true } });
    await recordAudit(tx, audit, { action: "api_key.revoked", target: apiKeyId, changes: { name: key.name, prefix: key.prefix } });
    await notifyRevocation(tx, apiKeyId);
  });
  forget(apiKeyId);
}

export type ApiCaller = { apiKeyId: string; workspaceId: string };

/** Resolves an `Authorization: Bearer …` header to its workspace, or null. */
export async function authenticateApiKey(header: string | null): Promise<ApiCaller | null> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match || !SECRET_PATTERN.test(match[1])) return null;
  listenForRevocations(forget);
  const hash = hashApiKey(match[1]);
  const now = Date.now();
  const cached = cache.entries.get(hash);
  if (cached && cached.expires > now) return cached.caller;

  const evictions = cache.evictions;
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: { id: true, workspaceId: true, revokedAt: true, lastUsedAt: true },
  });
  const caller = key && !key.revokedAt ? { apiKeyId: key.id, workspaceId: key.workspaceId } : null;
  if (cache.entries.size > 10_000) cache.entries.clear();
  // A revocation heard while the key was being read may be newer than what was read: not cached.
  if (cache.evictions === evictions) cache.entries.set(hash, { caller, expires: now + CACHE_TTL_MS });
  if (key && caller && (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return caller;
}
