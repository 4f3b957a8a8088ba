// npm start — applies pending migrations, then runs the production server (scripts/app-server.ts).
// With DATABASE_URL unset it uses the embedded PostgreSQL, and with STRIPE_SECRET_KEY unset the
// local Stripe emulator, like `npm run dev` — but only with STRIPE_EMULATOR=on: a production
// server on the emulator accepts webhooks signed with a public secret (lib/payments/emulator-mode.ts).
import { existsSync } from "node:fs";
import { exitOnInvalidEnv } from "../lib/env";
import { emulatorModeRefusal } from "../lib/payments/emulator-mode";
import { serveNext } from "./lib/serve";

exitOnInvalidEnv();

const refusal = emulatorModeRefusal({ ...process.env, NODE_ENV: "production" });
if (refusal) {
  console.error(`✖ ${refusal}`);
  process.exit(1);
}

if (!existsSync(".next/BUILD_ID")) {
  console.error("✖ No production build found. Run `npm run build` first.");
  process.exit(1);
}
if (process.env.DATABASE_URL && !process.env.NEXTAUTH_SECRET) {
  console.error("✖ NEXTAUTH_SECRET is required when DATABASE_URL points at a real server (see README).");
  process.exit(1);
}

await serveNext({ command: "start" });
