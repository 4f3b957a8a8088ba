// Runs before each test file, in its worker: clones the migrated template into a database of
// the file's own, so files never see each other's rows and can run in parallel.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const serverUrl = inject("databaseServerUrl");
const name = `saldo_test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});
