// Runs one of the project's scripts (scripts/*.ts) as `npm start` would, with variables added to
// (or, as undefined, removed from) this process's environment, and answers its exit code and
// what it wrote to stderr.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export function runScript(file: string, env: Record<string, string | undefined>, args: string[] = []): Promise<{ code: number | null; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", path.join(ROOT, file), ...args], { cwd: ROOT, env: childEnv, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}
