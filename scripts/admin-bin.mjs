#!/usr/bin/env node
// The `saldo-admin` bin (npx saldo-admin <command> [flags]): runs scripts/admin.ts with the
// project's own tsx and the react-server condition (so `import "server-only"` resolves), passing
// the arguments, stdio and exit status through unchanged.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const tsx = createRequire(path.join(root, "package.json")).resolve("tsx/cli");

const child = spawn(
  process.execPath,
  [tsx, "--conditions=react-server", "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "scripts/admin.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);

// Ctrl+C reaches the child through the terminal's process group; forward what is sent to us alone.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  process.stderr.write(`error: could not start tsx (${error.message}); run npm install\n`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
