// A key revoked in one app process stops working in the others at once (issue 8, item 12):
// each process remembers keys for 5 s, and the revocation reaches the others through
// PostgreSQL LISTEN/NOTIFY. Here a second process (test/helpers/api-key-process.ts) keeps a key
// in its own cache while this one revokes it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTENER_NAME } from "@/lib/auth/api-key-revocations";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db";
import { createWorkspaceWithPeople } from "@/prisma/factories";

class OtherProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly answers: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  constructor() {
    this.child = spawn("npx", ["tsx", "--conditions=react-server", "test/helpers/api-key-process.ts"], { env: process.env });
    this.child.stderr.on("data", (chunk) => process.stderr.write(chunk));
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.answers.push(line);
    });
  }

  next(): Promise<Record<string, unknown>> {
    const line = this.answers.shift();
    if (line !== undefined) return Promise.resolve(JSON.parse(line));
    return new Promise((resolve) => (this.waiting = (text) => resolve(JSON.parse(text))));
  }

  async accepts(secret: string): Promise<boolean> {
    this.child.stdin.write(`auth ${secret}\n`);
    return (await this.next()).caller !== null;
  }

  stop() {
    this.child.stdin.write("exit\n");
  }
}

/** The other process's listening connection, once it listens (null if none within `ms`). */
async function listenerPid(ms: number, not?: number): Promise<number | null> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const [row] = await db.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${LISTENER_NAME} AND query LIKE 'LISTEN%' AND pid <> ${not ?? 0}`;
    if (row) return row.pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Milliseconds until the other process refuses `secret`, asking every 20 ms, or null after `ms`. */
async function refusedWithin(other: OtherProcess, secret: string, ms: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (!(await other.accepts(secret))) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

let other: OtherProcess;
let workspaceId: string;

async function newKey() {
  const { secret, apiKey } = await createApiKey(workspaceId, "revocation test");
  return { secret, id: apiKey.id };
}

beforeAll(async () => {
  workspaceId = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace.id;
  other = new OtherProcess();
  expect(await other.next()).toEqual({ ready: true });
}, 60_000);

afterAll(() => other.stop());

describe("revoking an API key in one process", () => {
  it("is refused by another process at once, not after its 5 s cache", async () => {
    const key = await newKey();
    expect(await other.accepts(key.secret)).toBe(true); // now in the other process's cache
    expect(await listenerPid(3_000)).not.toBeNull();
    await revokeApiKey(workspaceId, key.id);
    expect(await refusedWithin(other, key.secret, 1_000)).not.toBeNull();
  });

  it("falls back to the 5 s cache while the listening connection is down, and listens again", async () => {
    const pid = await listenerPid(5_000);
    expect(pid).not.toBeNull();
    const key = await newKey();
    expect(await other.accepts(key.secret)).toBe(true);
    // The connection drops; the revocation's notification reaches nobody in that process.
    await db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await revokeApiKey(workspaceId, key.id);
    expect(await refusedWithin(other, key.secret, 5_500)).not.toBeNull(); // within the cache's lifetime at worst

    // It reconnects by itself, and revocations reach it at once again.
    expect(await listenerPid(10_000, pid!)).not.toBeNull();
    const next = await newKey();
    expect(await other.accepts(next.secret)).toBe(true);
    await revokeApiKey(workspaceId, next.id);
    expect(await refusedWithin(other, next.secret, 1_000)).not.toBeNull();
  }, 30_000);
});
