import type { Channel } from "@/lib/rating/channels";

// Shared by the wallet's usage chart and its drawing, apart from Recharts so that importing them
// does not pull Recharts into the page's first load.

export type ChartDay = { day: string; /** Short, in the viewer's language. */ label: string; charges: Partial<Record<Channel, string>> };

/** One colour per channel, distinct for the common kinds of colour blindness and on white. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  sms: "#2563eb",
  whatsapp: "#16a34a",
  email: "#9333ea",
  voice_call: "#ea580c",
  whatsapp_call: "#0891b2",
  ai_voice: "#db2777",
};
