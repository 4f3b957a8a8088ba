// Which client a request comes from, for throttling sign-ins per client address.
//
// X-Forwarded-For is written by whoever sends the request, so only its right end can be
// believed: the production server (scripts/app-server.ts) appends the address of the socket it
// accepted, as every well-behaved proxy does, and each reverse proxy in front of it appends the
// address it accepted. With TRUST_PROXY=N proxies in front, the client is the N-th entry from
// the right of that last one; with none (the default) it is the socket's address itself, and
// whatever the client wrote to the left is ignored.
import { isIP } from "node:net";
import { env, setting } from "@/lib/env";

/**
 * TRUST_PROXY: how many reverse proxies in front of the server append to X-Forwarded-For (0–10,
 * validated in lib/env.ts); from `source` when given, else from the environment.
 */
export function trustedProxyHops(source?: Record<string, string | undefined>): number {
  return source ? setting("TRUST_PROXY", source) : env().TRUST_PROXY;
}

/** The client's IP address from X-Forwarded-For as described above; null when unknown. */
export function clientAddress(forwardedFor: string | null | undefined, hops: number = trustedProxyHops()): string | null {
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = entries[entries.length - 1 - hops];
  if (!entry) return null;
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase();
  return isIP(address) ? address : null;
}

/** What the production server adds before Next.js sees a request: the socket's address. */
export function appendSocketAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined): string | undefined {
  const previous = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor;
  if (!socketAddress) return previous;
  return previous ? `${previous}, ${socketAddress}` : socketAddress;
}
