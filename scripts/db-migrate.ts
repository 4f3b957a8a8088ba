// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { exitOnInvalidEnv } from "../lib/env";
import { connectDatabase, redact } from "./lib/database";
import { log } from "./lib/log";
import { migrate } from "./lib/migrate";

exitOnInvalidEnv();
const db = await connectDatabase();
try {
  log(`Migrating ${redact(db.url)}`);
  const applied = await migrate(db.url, (name) => log(`  applying ${name}`));
  log(applied.length ? `Applied ${applied.length} migration(s)` : "Database already up to date");
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.stop();
}
