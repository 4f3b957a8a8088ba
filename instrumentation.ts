// Next.js calls register() once when a server process starts (next dev, next start, the e2e
// server). The Node.js server works the background job queues (lib/jobs); the edge runtime has
// no database, and `next build` must not start anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { isProductionEmulator, productionEmulatorWarning } = await import("./lib/payments/emulator-mode");
  if (isProductionEmulator()) console.warn(productionEmulatorWarning());
  // Imported here, not at the top, so the edge bundle of this file never includes pg-boss.
  const { startWorkers } = await import("./lib/jobs/worker");
  // Not awaited: the server answers requests while pg-boss connects. startWorkers logs and
  // retries on its own, and does nothing without DATABASE_URL.
  void startWorkers();
}
