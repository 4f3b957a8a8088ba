// Starts (or shares) the Stripe emulator for the local scripts — `npm run dev`, `npm start`
// and the e2e step of `npm test` — when there is no STRIPE_SECRET_KEY. Not used by the app
// itself (the app only needs STRIPE_EMULATOR_URL), so no "server-only" here: scripts run it.
import {
  DEFAULT_EMULATOR_PORT,
  DEFAULT_EMULATOR_WEBHOOK_SECRET,
  startStripeEmulator,
} from "./emulator";

export type LocalEmulator = {
  /** What the app gets as STRIPE_EMULATOR_URL. */
  url: string;
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
  /** Defaults to what the app verifies with: STRIPE_WEBHOOK_SECRET, else the emulator's default. */
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
  if (port !== 0) {
    const url = `http://127.0.0.1:${port}`;
    // Like the embedded database: a second `npm run dev` shares the running emulator (whose
    // webhooks keep going to the first app).
    if (await isEmulator(url)) {
      options.log(`Stripe emulator already running on ${url}; sharing it`);
      return { url, shared: true, stop: async () => {} };
    }
  }
  const emulator = await startStripeEmulator({
    port,
    webhookUrl: options.webhookUrl,
    // The app verifies with STRIPE_WEBHOOK_SECRET when set, else this default: sign with the same.
    webhookSecret: options.webhookSecret ?? (process.env.STRIPE_WEBHOOK_SECRET?.trim() || DEFAULT_EMULATOR_WEBHOOK_SECRET),
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
  return {
    url: emulator.url,
    shared: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await emulator.stop();
    },
  };
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
