/**
 * Progress lines for the developer scripts, so every command says what it is doing. They go
 * to stderr, which keeps stdout clean for machine-readable output (`admin --json`).
 */
export function log(message: string) {
  process.stderr.write(`\x1b[36m›\x1b[0m ${message}\n`);
}
