import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";

/** Where a request comes from, as the audit trail records it. */
export type RequestInfo = { ip: string | null; userAgent: string | null };

/**
 * The client address by the same rule as sign-in throttling (lib/auth/client-address.ts: the
 * right end of X-Forwarded-For, TRUST_PROXY hops in) and the User-Agent, of the request being
 * served. lib/audit/record.ts trims both to their columns.
 */
export async function requestInfo(): Promise<RequestInfo> {
  const list = await headers();
  return { ip: clientAddress(list.get("x-forwarded-for")), userAgent: list.get("user-agent") };
}
