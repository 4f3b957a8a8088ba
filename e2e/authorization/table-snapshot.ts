// Prints workspace A's rows and balances (test/helpers/table-snapshot.ts workspaceSnapshot) as one
// line of JSON, for Playwright specs that must prove a run of refused requests wrote nothing in
// it while other specs use the same server. Run with `tsx --conditions=react-server`, the e2e
// DATABASE_URL and the workspace id as argument.
import { db } from "@/lib/db";
import { workspaceSnapshot } from "@/test/helpers/table-snapshot";

process.stdout.write(`${JSON.stringify(await workspaceSnapshot(process.argv[2]))}\n`);
await db.$disconnect();
