// Another app process, for the API key tests: it authenticates keys with its own in-process
// cache, as a second server of the same app would. One command per line on stdin, one JSON line
// per command on stdout:
//   auth <secret>  → {"caller": {"apiKeyId": …, "workspaceId": …} | null}
import readline from "node:readline";
import { authenticateApiKey } from "@/lib/auth/api-keys";

const lines = readline.createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of lines) {
  const [command, argument] = line.trim().split(" ");
  if (command === "auth") {
    const caller = await authenticateApiKey(`Bearer ${argument}`);
    process.stdout.write(`${JSON.stringify({ caller })}\n`);
  } else if (command === "exit") {
    process.exit(0);
  }
}
