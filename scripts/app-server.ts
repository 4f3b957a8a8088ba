// The HTTP server of `npm start` (also the e2e tests and `npm run bench`) and, with --dev, of
// `npm run dev`: Next.js with the public API's door in front (see lib/public-api.ts).
// - In production the door answers every request under /api/v1 itself, calling the route
//   handlers directly.
// - In development Next.js routes the API (so route files reload on edit), and the door answers
//   only the methods Next.js cannot route: it fails on TRACE with a 500 inside its own code.
// - In both, a method Next.js cannot route (TRACE, PROPFIND…) to any other path is answered
//   here too (405), for the same reason.
import http from "node:http";
import { appendSocketAddress } from "../lib/auth/client-address";
import { env, exitOnInvalidEnv } from "../lib/env";
import { apiSecurityHeaders } from "../lib/http/security-headers";
import { emulatorModeRefusal } from "../lib/payments/emulator-mode";
import { log } from "./lib/log";

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// Every setting (lib/env.ts), before Next.js loads: a JOBS_POOL_SIZE or TRUST_PROXY that is not a
// number stops the start here, not at the first job or sign-in. instrumentation.ts checks again
// for servers started without this file (next start).
exitOnInvalidEnv("server");
// The app refuses too (lib/payments/stripe.ts), at the first payment; this says it before listening.
const refusal = emulatorModeRefusal();
if (refusal) {
  console.error(`✖ ${refusal}`);
  process.exit(1);
}
const { PORT: port } = env();
const { default: next } = await import("next");
const app = next({ dev, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// Imported after prepare(): the handlers' next/server needs the globals Next.js sets up.
const { PUBLIC_API_ROUTES } = await import("@/app/api/v1/routes");
const { answerPublicApi, refuseUnroutableMethod } = await import("./lib/public-api");
const { refuseUnroutableMethodAnywhere } = await import("./lib/unroutable-methods");
const door = dev ? refuseUnroutableMethod : answerPublicApi;

// Every response starts with the API's security headers — the strictest, for what is not a page:
// redirects, static files, Next.js's own errors, which neither proxy.ts nor next.config.ts
// reaches. A page's own policy (proxy.ts, with its nonce) replaces them.
const baseline = apiSecurityHeaders({ production: !dev });
const server = http.createServer((req, res) => {
  for (const [name, value] of Object.entries(baseline)) res.setHeader(name, value);
  if (door(PUBLIC_API_ROUTES, req, res)) return;
  // TRACE, PROPFIND… which Next.js cannot route (scripts/lib/unroutable-methods.ts).
  if (refuseUnroutableMethodAnywhere(req, res)) return;
  // Like any proxy: the socket's address goes to the right end of X-Forwarded-For, the only
  // part a client cannot forge (lib/auth/client-address.ts; sign-in throttling reads it).
  req.headers["x-forwarded-for"] = appendSocketAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  void handle(req, res);
});
server.listen(port, () => log(`Ready on http://localhost:${port}${dev ? " (development)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
