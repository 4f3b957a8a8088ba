import "server-only";
import type { Socket } from "node:net";
import pg from "pg";
import type { Prisma } from "@/lib/db";
import { databaseUrl } from "@/lib/env";

// Revocations reach every app process at once. Each process remembers API keys for a few
// seconds (lib/auth/api-keys.ts); the transaction that revokes a key also NOTIFYs its id, and
// every process LISTENs on one connection of its own and forgets the key when the notification
// arrives — PostgreSQL delivers it only once the revocation has committed. While that
// connection is down (it reconnects by itself), a process falls back to its cache's lifetime,
// and when it listens again it forgets every key, since notifications sent meanwhile are lost.

const CHANNEL = "api_key_revoked";
/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_NAME = "saldo-api-key-revocations";
const RETRY_MS = { first: 250, max: 10_000 };

/** Inside the revoking transaction: every process forgets `apiKeyId` when it commits. */
export async function notifyRevocation(tx: Prisma.TransactionClient, apiKeyId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${apiKeyId})`;
}

type Listener = {
  /** Called with a revoked key's id, or with null when any key may have been revoked unheard. */
  forget: (apiKeyId: string | null) => void;
  retryMs: number;
};

// One per process, on globalThis for the same reason as the key cache: the production server
// loads this module twice, and one connection is enough for both copies' cache (which is shared).
const globalForListener = globalThis as unknown as { saldoApiKeyRevocations?: Listener };

/** Starts this process's listener unless it runs already (called on the first key lookup). */
export function listenForRevocations(forget: Listener["forget"]): void {
  if (globalForListener.saldoApiKeyRevocations) return;
  const listener: Listener = { forget, retryMs: RETRY_MS.first };
  globalForListener.saldoApiKeyRevocations = listener;
  void connect(listener);
}

async function connect(listener: Listener) {
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: LISTENER_NAME });
  let lost = false;
  const reconnect = () => {
    if (lost) return;
    lost = true;
    client.end().catch(() => {});
    // Never keeps the process alive (CLI, tests); grows to RETRY_MS.max while the database is away.
    setTimeout(() => void connect(listener), listener.retryMs).unref();
    listener.retryMs = Math.min(listener.retryMs * 2, RETRY_MS.max);
  };
  client.on("error", reconnect);
  client.on("end", reconnect);
  client.on("notification", (message) => {
    if (message.channel === CHANNEL && message.payload) listener.forget(message.payload);
  });
  try {
    await client.connect();
    (client as unknown as { connection: { stream: Socket } }).connection.stream.unref();
    await client.query(`LISTEN ${CHANNEL}`);
    listener.retryMs = RETRY_MS.first;
    listener.forget(null);
  } catch {
    reconnect();
  }
}
