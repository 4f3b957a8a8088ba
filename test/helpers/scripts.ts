// Runs one of the project's scripts (scripts/*.ts) as `npm start` would, with variables added to
// (or, as undefined, removed from) this process's environment, and answers its exit code and
// what it wrote to stdout and stderr.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export function runScript(file: string, env: Record<string, string | undefined>, args: string[] = []): Promise<ProcessRun> {
  return runProcess(TSX, ["--conditions=react-server", path.join(ROOT, file), ...args], env);
}

export type ProcessRun = { code: number | null; stdout: string; stderr: string };

/** Runs `command` in the project's folder until it exits; answers its exit code and output. */
export function runProcess(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ProcessRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
