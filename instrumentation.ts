// Next.js calls register() once when a server process starts (next dev, next start, the e2e
// server). The Node.js server checks its environment, then works the background job queues
// (lib/jobs); the edge runtime has no database, and `next build` must not start anything.
export async function register() {
  // Next.js's own compile-time constant, not a setting: the bundler replaces it, so the edge
  // bundle of this file never includes the Node.js-only imports below (lib/env.ts, pg-boss).
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv, isNextBuild } = await import("./lib/env");
  if (isNextBuild()) return;
  // A bad or missing setting stops the start here, naming the variable, instead of failing at
  // the first request that reads it. Exiting, not throwing: Next.js logs a failed register() but
  // keeps listening and answers 500 to everything. (npm start checks before Next.js loads.)
  exitOnInvalidEnv("server");
  const { isProductionEmulator, productionEmulatorWarning } = await import("./lib/payments/emulator-mode");
  if (isProductionEmulator()) console.warn(productionEmulatorWarning());
  const { startWorkers } = await import("./lib/jobs/worker");
  // Not awaited: the server answers requests while pg-boss connects. startWorkers logs and
  // retries on its own, and does nothing without DATABASE_URL.
  void startWorkers();
}
