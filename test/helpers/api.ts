// Calls the public API's route handlers in-process with real Request objects: the whole HTTP
// layer (auth, limits, idempotency, validation, serialization) runs, against the real database.
import { PUBLIC_API_ROUTES as routes } from "@/app/api/v1/routes";
import { createApiKey } from "@/lib/auth/api-keys";
import { createWorkspaceWithPeople } from "@/prisma/factories";

type Path = keyof typeof routes;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the API answered
export type ApiResponse = { status: number; body: any; headers: Headers; text: string };

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
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers, text };
}

/** A fresh workspace with an API key. */
export async function workspaceWithKey(currency: "USD" | "INR" = "USD") {
  const people = await createWorkspaceWithPeople({ currency, billingAdmin: false, member: false });
  const { secret } = await createApiKey(people.workspace.id, "test");
  return { ...people, key: secret, workspaceId: people.workspace.id };
}
