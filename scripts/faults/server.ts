// The production server under test (scripts/app-server.ts on the build, as `npm start` and the
// e2e step run it), which the harness SIGKILLs — its whole process group, npx and tsx included,
// with no chance to finish a request, a transaction or a job — and starts again.
import { closeSync, openSync } from "node:fs";
import { startAppServer } from "../lib/processes";

type Process = ReturnType<typeof startAppServer>;

export class ServerUnderTest {
  private current: Process | undefined;
  /** Starts so far (the first one included). */
  starts = 0;
  kills = 0;
  /** Milliseconds from each start to the first answer. */
  readonly startupMs: number[] = [];

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    /** Every start appends its output here. */
    private readonly logFile: string,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it answers a page. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.current) throw new Error("The server is already running");
    const started = Date.now();
    const log = openSync(this.logFile, "a");
    this.current = startAppServer(this.port, { stdio: ["ignore", log, log], env: this.env });
    closeSync(log); // the child holds its own copy
    this.starts++;
    const exited = new Promise<never>((_, reject) =>
      this.current!.child.once("exit", (code, signal) => reject(new Error(`The server exited during start-up (${signal ?? code}); see ${this.logFile}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitForPage(`${this.baseUrl}/login`, timeoutMs), exited]);
    this.startupMs.push(Date.now() - started);
  }

  /** SIGKILL to the server's whole process group; resolves once it is gone. */
  async kill(): Promise<void> {
    const server = this.current;
    if (!server) throw new Error("The server is not running");
    this.current = undefined;
    const gone = new Promise<void>((resolve) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) resolve();
      else server.child.once("exit", () => resolve());
    });
    process.kill(-server.child.pid!, "SIGKILL");
    await gone;
    this.kills++;
  }

  /** The ordinary stop (SIGTERM), at the end of the run. */
  async stop(): Promise<void> {
    const server = this.current;
    this.current = undefined;
    await server?.stop();
  }
}

async function waitForPage(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
