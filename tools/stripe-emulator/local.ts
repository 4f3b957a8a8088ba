// Starts (or shares) the Stripe emulator for the local scripts — `npm run dev`, `npm start`
// and the e2e step of `npm test` — when there is no STRIPE_SECRET_KEY. Not used by the app
// itself: the app gets `appEnv` (the emulator's URL and webhook secret) from the script.
import { DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_WEBHOOK_SECRET, startStripeEmulator } from "./index";

export type LocalEmulator = {
  /** What the app gets as STRIPE_EMULATOR_URL. */
  url: string;
  /** The secret the emulator signs webhooks with: what the app gets as STRIPE_WEBHOOK_SECRET. */
  webhookSecret: string;
  /** The variables that point the app's process at this emulator, as real Stripe's keys would. */
  appEnv: { STRIPE_EMULATOR_URL: string; STRIPE_WEBHOOK_SECRET: string };
  /** Another process (a second `npm run dev`) already runs it; stop() leaves it alone. */
  shared: boolean;
  stop(): Promise<void>;
};

export type LocalEmulatorOptions = {
  /** 0 = any free port. Default STRIPE_EMULATOR_PORT, else 12111. */
  port?: number;
  /** Where the app's webhook route listens. */
  webhookUrl: string;
  /** Keeps customers and cards across restarts (next to the embedded database's data). */
  stateFile?: string;
  /** Default STRIPE_WEBHOOK_SECRET, else the emulator's public default; hand it to the app (`appEnv`). */
  webhookSecret?: string;
  /** Progress lines (not the per-request log). */
  log: (line: string) => void;
};

/** The port the scripts use: STRIPE_EMULATOR_PORT, else 12111. */
export function localEmulatorPort(): number {
  const value = process.env.STRIPE_EMULATOR_PORT?.trim();
  const port = value ? Number(value) : DEFAULT_EMULATOR_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`STRIPE_EMULATOR_PORT must be a port number, not "${value}"`);
  return port;
}

export async function startLocalEmulator(options: LocalEmulatorOptions): Promise<LocalEmulator> {
  const port = options.port ?? localEmulatorPort();
  const webhookSecret = options.webhookSecret ?? (process.env.STRIPE_WEBHOOK_SECRET?.trim() || DEFAULT_EMULATOR_WEBHOOK_SECRET);
  const local = (url: string, shared: boolean, stop: () => Promise<void>): LocalEmulator => ({
    url,
    webhookSecret,
    appEnv: { STRIPE_EMULATOR_URL: url, STRIPE_WEBHOOK_SECRET: webhookSecret },
    shared,
    stop,
  });
  if (port !== 0) {
    const url = `http://127.0.0.1:${port}`;
    // Like the embedded database: a second `npm run dev` shares the running emulator (whose
    // webhooks keep going to the first app, signed with the secret chosen the same way).
    if (await isEmulator(url)) {
      options.log(`Stripe emulator already running on ${url}; sharing it`);
      return local(url, true, async () => {});
    }
  }
  const emulator = await startStripeEmulator({
    port,
    webhookUrl: options.webhookUrl,
    webhookSecret,
    stateFile: options.stateFile,
    publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL?.trim() || undefined,
    // Only what needs attention: failed webhook deliveries, state-file problems, internal errors.
    log: (line) => {
      if (/→ [23]\d\d\b/.test(line) && !/gave up|retrying/.test(line)) return;
      options.log(`[stripe-emulator] ${line}`);
    },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") {
      throw new Error(`Port ${port} is taken by something that is not the Stripe emulator; set STRIPE_EMULATOR_PORT to another port`);
    }
    throw error;
  });
  let stopped = false;
  return local(emulator.url, false, async () => {
    if (stopped) return;
    stopped = true;
    await emulator.stop();
  });
}

async function isEmulator(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/emulator/health`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return false;
    const health = (await response.json()) as { status?: string; livemode?: boolean };
    return health.status === "ok" && health.livemode === false;
  } catch {
    return false;
  }
}
