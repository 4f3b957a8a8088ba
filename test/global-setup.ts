// Starts one PostgreSQL for the whole run (the embedded one, or the server in DATABASE_URL)
// and builds a migrated template database; each test file then gets its own copy of it.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { connectDatabase, freePort } from "../scripts/lib/database";
import { migrate } from "../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  // A cluster of this run's own (port and folder), so parallel runs never share or delete it.
  const database = await connectDatabase({ name: `test-pg-${process.pid}`, port: await freePort(), database: "postgres", throwaway: true });
  const server = new URL(database.url);
  const template = `saldo_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(withDatabase(server, template));
  await admin.end();

  project.provide("databaseServerUrl", withDatabase(server, "postgres"));
  project.provide("templateDatabase", template);

  return async () => {
    const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
    await database.stop();
  };
}

function withDatabase(server: URL, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}
