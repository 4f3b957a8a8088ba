// Calls the public API's route handlers in-process with real Request objects: the whole HTTP
// layer (auth, limits, idempotency, validation, serialization) runs, against the real database.
import { PUBLIC_API_ROUTES as routes, UNKNOWN_PATH } from "@/app/api/v1/routes";
import type { HttpMethod, RouteModule } from "@/lib/api/handler";
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

/**
 * Any request to the public API's handlers in-process, as the production door hands them over:
 * any method a route file exports, any path under /api/v1 (unknown ones go to the catch-all),
 * raw body bytes and any headers (undefined: not sent).
 */
export async function rawApi(
  method: HttpMethod,
  pathAndQuery: string,
  options: { headers?: Record<string, string | undefined>; body?: string | Uint8Array } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(pathAndQuery, "http://saldo.test");
  const route = (Object.hasOwn(routes, url.pathname) ? routes[url.pathname as Path] : routes[UNKNOWN_PATH]) as RouteModule;
  const headers = new Headers();
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers.set(name, value);
  const body = method === "GET" || method === "HEAD" ? undefined : options.body;
  const response = await route[method]!(new Request(url, { method, headers, body: body as BodyInit | undefined }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}
