import { spawn, type SpawnOptions } from "node:child_process";

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
 * Keeps a server started with `startServer` in the foreground: when it exits, or this process
 * is interrupted, the server's whole process group is stopped and `cleanup` runs once (the
 * embedded database and the Stripe emulator stop cleanly).
 */
export function supervise(server: ReturnType<typeof startServer>, cleanup: () => Promise<void>) {
  let exiting = false;
  const shutdown = async (code: number) => {
    if (exiting) return;
    exiting = true;
    await server.stop();
    await cleanup();
    process.exit(code);
  };
  server.child.on("exit", (code) => void shutdown(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
}

/**
 * The app's server (scripts/app-server.ts) on `port`, in its own process group: the production
 * build, or with `dev` Next.js's development server behind the same door.
 */
export function startAppServer(port: number, { dev = false, ...options }: SpawnOptions & { dev?: boolean } = {}) {
  return startServer(NPX, ["tsx", "--conditions=react-server", "scripts/app-server.ts", ...(dev ? ["--dev"] : [])], {
    ...options,
    env: { ...(options.env ?? process.env), PORT: String(port) },
  });
}

export const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

// Next.js servers started by our scripts inherit this: no anonymous telemetry unless asked for.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
