// Calls the public API's route handlers in-process with real Request objects: the whole HTTP
// layer (auth, limits, idempotency, validation, serialization) runs, against the real database.
import * as authorize from "@/app/api/v1/authorize/route";
import * as prices from "@/app/api/v1/prices/route";
import * as usageEvents from "@/app/api/v1/usage-events/route";
import * as wallet from "@/app/api/v1/wallet/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const routes = {
  "/api/v1/authorize": authorize,
  "/api/v1/prices": prices,
  "/api/v1/usage-events": usageEvents,
  "/api/v1/wallet": wallet,
} as const;

type Path = keyof typeof routes;

export type ApiResponse = { status: number; body: any; headers: Headers };

export async function api(
  method: "GET" | "POST",
  path: `${Path}${string}`,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const url = new URL(path, "http://saldo.test");
  const route = routes[url.pathname as Path] as Record<string, (request: Request) => Promise<Response>>;
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await route[method](new Request(url, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A fresh workspace with an API key. */
export async function workspaceWithKey(currency: "USD" | "INR" = "USD") {
  const people = await createWorkspaceWithPeople({ currency, billingAdmin: false, member: false });
  const { secret } = await createApiKey(people.workspace.id, "test");
  return { ...people, key: secret, workspaceId: people.workspace.id };
}
