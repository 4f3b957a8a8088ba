// The production HTTP server (`npm start`, the e2e tests, `npm run bench`): the built Next.js
// app, with the public API's handlers called directly (see lib/public-api.ts). `npm run dev`
// runs `next dev` instead, where Next.js serves the same route files.
import http from "node:http";
import { appendSocketAddress, trustedProxyHops } from "../lib/auth/client-address";
import { emulatorModeRefusal } from "../lib/payments/emulator-mode";
import { log } from "./lib/log";

Object.assign(process.env, { NODE_ENV: "production" });
// The app refuses too (lib/payments/stripe.ts), at the first payment; this says it before listening.
const refusal = emulatorModeRefusal();
if (refusal) {
  console.error(`✖ ${refusal}`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
trustedProxyHops(); // a TRUST_PROXY that is not a number stops the start here, not at the first sign-in
const { default: next } = await import("next");
const app = next({ dev: false, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// Imported after prepare(): the handlers' next/server needs the globals Next.js sets up.
const { PUBLIC_API_ROUTES } = await import("@/app/api/v1/routes");
const { answerPublicApi } = await import("./lib/public-api");

const server = http.createServer((req, res) => {
  if (answerPublicApi(PUBLIC_API_ROUTES, req, res)) return;
  // Like any proxy: the socket's address goes to the right end of X-Forwarded-For, the only
  // part a client cannot forge (lib/auth/client-address.ts; sign-in throttling reads it).
  req.headers["x-forwarded-for"] = appendSocketAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  void handle(req, res);
});
server.listen(port, () => log(`Ready on http://localhost:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
