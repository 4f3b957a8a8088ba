import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`)),
    );
  });
}

/**
 * Starts a long-lived server in a process group of its own, so `stop()` ends it and everything
 * it started (`npx` → `next` → `next-server`), not just the first process.
 */
export function startServer(command: string, args: string[], options: SpawnOptions = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        resolve();
      }
    });
  return { child, stop };
}

/**
 * Runs a long-lived child (the Next.js server) and calls `cleanup` once, whether the child
 * exits or this process is interrupted, so the embedded database is always stopped cleanly.
 */
export function supervise(child: ChildProcess, cleanup: () => Promise<void>) {
  let exiting = false;
  const shutdown = async (code: number) => {
    if (exiting) return;
    exiting = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await cleanup();
    process.exit(code);
  };
  child.on("exit", (code) => void shutdown(code ?? 0));
  process.on("exit", () => child.exitCode === null && child.kill("SIGTERM"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
}

export const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

// Next.js servers started by our scripts inherit this: no anonymous telemetry unless asked for.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
