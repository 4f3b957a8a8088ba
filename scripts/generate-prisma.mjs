// `prisma generate` never runs the native schema engine, but the CLI insists on finding one
// before it starts, and it cannot be downloaded here. Pointing PRISMA_SCHEMA_ENGINE_BINARY at
// any existing file satisfies that check; generation itself is pure JS/WASM.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
console.log("› prisma generate (offline)");
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
