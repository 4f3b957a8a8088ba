// The rating vocabulary. The string values are part of the public API (API.md): never rename.

export const CHANNELS = ["sms", "whatsapp", "email", "voice_call", "whatsapp_call", "ai_voice"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Charged per connected minute, in billing increments. */
export const TIMED_CHANNELS = ["voice_call", "whatsapp_call", "ai_voice"] as const satisfies readonly Channel[];
export type TimedChannel = (typeof TIMED_CHANNELS)[number];

/** Charged per message, segment or e-mail. */
export const COUNTED_CHANNELS = ["sms", "whatsapp", "email"] as const satisfies readonly Channel[];
export type CountedChannel = (typeof COUNTED_CHANNELS)[number];

export const DIRECTIONS = ["outbound", "inbound"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How a call ended. Only `connected` calls cost anything (R7). */
export const OUTCOMES = ["connected", "busy", "no_answer", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const UNITS = ["segment", "message", "email", "minute"] as const;
export type Unit = (typeof UNITS)[number];

export const CHANNEL_UNIT = {
  sms: "segment",
  whatsapp: "message",
  email: "email",
  voice_call: "minute",
  whatsapp_call: "minute",
  ai_voice: "minute",
} as const satisfies Record<Channel, Unit>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

export function isDirection(value: unknown): value is Direction {
  return typeof value === "string" && (DIRECTIONS as readonly string[]).includes(value);
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);
}

export function isTimedChannel(channel: Channel): channel is TimedChannel {
  return (TIMED_CHANNELS as readonly Channel[]).includes(channel);
}

/** Trial credit pays only for outbound WhatsApp calls (R8); everything else uses paid balance. */
export function usesTrialCredit(channel: Channel, direction: Direction): boolean {
  return channel === "whatsapp_call" && direction === "outbound";
}
