// npm run dev — the whole product on one machine: embedded PostgreSQL (unless DATABASE_URL is
// set), migrations, demo data on an empty database, the Stripe emulator (unless
// STRIPE_SECRET_KEY is set), and the Next.js dev server.
import pg from "pg";
import { exitOnInvalidEnv } from "../lib/env";
import { log } from "./lib/log";
import { run } from "./lib/processes";
import { serveNext } from "./lib/serve";

exitOnInvalidEnv();

await serveNext({
  command: "dev",
  async beforeStart(databaseUrl) {
    if (!(await isEmpty(databaseUrl))) return;
    log("Empty database: loading demo data");
    await run("npm", ["run", "--silent", "db:seed"], { env: { ...process.env, DATABASE_URL: databaseUrl } });
  },
});

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "Workspace"`);
    return rows[0].count === "0";
  } finally {
    await client.end();
  }
}
