// The first thing each script does: validate the environment (lib/env.ts), so a bad value stops
// it with one message naming the variable before it starts a database, an emulator or a server.
import { envProblem } from "../../lib/env";

export function exitOnInvalidEnv(scope: "server" | "script" = "script"): void {
  const problem = envProblem(scope);
  if (!problem) return;
  console.error(`✖ ${problem}`);
  process.exit(1);
}
