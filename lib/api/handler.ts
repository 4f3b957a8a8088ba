import "server-only";
import { NextResponse } from "next/server";
import { authenticateApiKey, type ApiCaller } from "@/lib/auth/api-keys";
import { db, type Prisma } from "@/lib/db";
import { AppError, fromZodError, isAppError } from "@/lib/errors";
import { findIdempotent, requestHash, saveIdempotent, type StoredAnswer } from "@/lib/api/idempotency";
import { rateLimitFromEnv, takeToken } from "@/lib/api/rate-limit";
import { BodyTooLarge, readBodyText } from "@/lib/http/body";
import { text } from "@/lib/validation";

// The public API's one wrapper (API.md "Conventions"): key → rate limit → body size and JSON →
// Idempotency-Key → handler → the documented error shape. Route files stay thin.

export const MAX_BODY_BYTES = 1024 * 1024;
// HTTP already keeps NUL and non-Latin-1 characters out of header values; the shared block
// states the rule rather than relying on it.
const idempotencyKeySchema = text("Idempotency-Key", { max: 255 });

export type ApiResult = { status?: number; body: unknown };

export type ApiContext = {
  caller: ApiCaller;
  url: URL;
  body: unknown;
  /**
   * For a handler that writes: stores `result` as this request's answer under its
   * Idempotency-Key inside `tx`, the transaction doing the work, so the work and its answer
   * commit together — a retry after a lost answer then always gets this answer, byte for byte.
   * Call it last in the transaction and return what it returns. Without a key it only returns
   * `result`. Handlers that write nothing need not call it: their answer is stored after them.
   */
  answerInTransaction(tx: Prisma.TransactionClient, result: ApiResult): Promise<ApiResult>;
};

/** The documented error shape, with the status lib/errors.ts maps the code to. */
export function errorResponse(error: AppError, headers?: HeadersInit) {
  const { code, message, field, status } = error;
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers });
}

/** Thrown inside a handler's transaction when a concurrent request with the same key committed first. */
class KeyTakenError extends Error {}

export function apiRoute(handler: (context: ApiContext) => Promise<ApiResult>) {
  return async (request: Request): Promise<Response> => {
    try {
      const caller = await authenticateApiKey(request.headers.get("authorization"));
      if (!caller) {
        return errorResponse(new AppError("unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'."), {
          "WWW-Authenticate": "Bearer",
        });
      }
      const retryAfter = takeToken(caller.apiKeyId, rateLimitFromEnv());
      if (retryAfter > 0) {
        return errorResponse(new AppError("rate_limited", `Too many requests; retry in ${retryAfter} s.`), {
          "Retry-After": String(retryAfter),
        });
      }
      const url = new URL(request.url);
      const unkeyed = { caller, url, answerInTransaction: async (_tx: Prisma.TransactionClient, result: ApiResult) => result };
      // HEAD is GET without the body (Node.js's http server drops it).
      if (request.method === "GET" || request.method === "HEAD") return answer(serialize(await handler({ ...unkeyed, body: undefined })));

      const raw = await readBody(request);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AppError("invalid_json", "The request body is not valid JSON.");
      }

      const key = request.headers.get("idempotency-key");
      if (key === null) return answer(serialize(await handler({ ...unkeyed, body })));
      const checked = idempotencyKeySchema.safeParse(key);
      if (!checked.success) throw fromZodError(checked.error, key, "Idempotency-Key");
      return await keyed(caller, key, requestHash(request.method, url.pathname, raw), async (save) => {
        let saved: { result: ApiResult; answer: StoredAnswer } | undefined;
        const result = await handler({
          caller,
          url,
          body,
          async answerInTransaction(tx, result) {
            const stored = serialize(result);
            if (!(await save(tx, stored))) throw new KeyTakenError();
            saved = { result, answer: stored };
            return result;
          },
        });
        if (saved) {
          if (saved.result !== result) throw new Error("A handler must return the result it stored with answerInTransaction");
          return saved.answer;
        }
        const stored = serialize(result);
        if (!(await save(db, stored))) throw new KeyTakenError();
        return stored;
      });
    } catch (error) {
      if (isAppError(error)) return errorResponse(error);
      console.error(error);
      return errorResponse(new AppError("internal_error", "Something went wrong on our side; it is safe to retry."));
    }
  };
}

/**
 * A request with an Idempotency-Key: a stored answer is replayed; otherwise `work` runs and
 * stores its answer through `save`. When a concurrent request with the same key stored first,
 * `work`'s transaction rolls back and that request's answer is replayed (or 409 for another body).
 */
async function keyed(
  caller: ApiCaller,
  key: string,
  hash: string,
  work: (save: (client: Prisma.TransactionClient, answer: StoredAnswer) => Promise<boolean>) => Promise<StoredAnswer>,
): Promise<Response> {
  const replayOrConflict = async () => {
    const previous = await findIdempotent(caller.workspaceId, key, hash);
    if (previous.state === "conflict") throw idempotencyConflict();
    return previous.state === "replay" ? answer(previous.answer, true) : undefined;
  };
  const previous = await replayOrConflict();
  if (previous) return previous;
  try {
    return answer(await work((client, stored) => saveIdempotent(client, caller.workspaceId, key, hash, stored)));
  } catch (error) {
    if (!(error instanceof KeyTakenError)) throw error;
    const taken = await replayOrConflict();
    if (!taken) throw new Error(`Idempotency-Key ${key} was taken, then not found`);
    return taken;
  }
}

function serialize(result: ApiResult): StoredAnswer {
  return { status: result.status ?? 200, body: JSON.stringify(result.body) };
}

/** The answer's exact bytes, the first time and on every replay. */
function answer(stored: StoredAnswer, replayed = false) {
  return new NextResponse(stored.body, {
    status: stored.status,
    headers: { "content-type": "application/json", ...(replayed ? { "Idempotent-Replayed": "true" } : {}) },
  });
}

function idempotencyConflict() {
  return new AppError("idempotency_conflict", "This Idempotency-Key was already used with a different request.");
}

// ---------------------------------------------------------------------------------------------
// Methods and paths. A route file exports every method Next.js routes
// (`export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ POST })`), so
// that a method the route does not implement gets the API's JSON 405 with Allow rather than
// Next.js's empty one; app/api/v1/[[...path]]/route.ts answers every other path with a JSON 404.
// The production door (scripts/lib/public-api.ts) dispatches to the same exports, and answers
// itself the methods a Web Request cannot carry (TRACE…) with `unsupportedMethod`.
// ---------------------------------------------------------------------------------------------

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type RouteHandler = (request: Request) => Promise<Response>;
export type RouteModule = Partial<Record<HttpMethod, RouteHandler>>;

export function isHttpMethod(method: string): method is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(method);
}

/** The handlers apiMethods made to refuse a method: not listed in Allow. */
const refusals = new WeakSet<RouteHandler>();

function refusal(answer: () => Response): RouteHandler {
  const handler = async () => answer();
  refusals.add(handler);
  return handler;
}

/** The methods a route answers, for Allow: "GET, HEAD, OPTIONS". Empty for a path that does not exist. */
export function allowedMethods(route: RouteModule): string {
  return HTTP_METHODS.filter((method) => route[method] && !refusals.has(route[method])).join(", ");
}

/** A route file's exports: its handlers, HEAD as GET, OPTIONS listing them, 405 for the rest; 404 for all without handlers. */
export function apiMethods(handlers: { GET?: RouteHandler; POST?: RouteHandler }): Record<HttpMethod, RouteHandler> {
  const implemented: RouteModule = { ...handlers, ...(handlers.GET ? { HEAD: handlers.GET } : {}) };
  if (Object.keys(implemented).length === 0) {
    return Object.fromEntries(HTTP_METHODS.map((method) => [method, refusal(notFound)])) as Record<HttpMethod, RouteHandler>;
  }
  const allow = [...HTTP_METHODS.filter((method) => implemented[method]), "OPTIONS"].join(", ");
  const route = { ...implemented, OPTIONS: async () => new NextResponse(null, { status: 204, headers: { Allow: allow } }) } as RouteModule;
  for (const method of HTTP_METHODS) route[method] ??= refusal(() => methodNotAllowed(allow));
  return route as Record<HttpMethod, RouteHandler>;
}

/** The answer to a method no route file can export (TRACE, PROPFIND…): 405 with Allow, or 404 off the API's paths. */
export function unsupportedMethod(route: RouteModule): Response {
  const allow = allowedMethods(route);
  return allow ? methodNotAllowed(allow) : notFound();
}

function methodNotAllowed(allow: string) {
  return errorResponse(new AppError("method_not_allowed", `This endpoint answers ${allow}.`), { Allow: allow });
}

function notFound() {
  return errorResponse(new AppError("not_found", "There is no such endpoint; see the API reference for the paths under /api/v1."));
}

/** Reads the body, refusing more than MAX_BODY_BYTES whatever Content-Length claims (lib/http/body.ts). */
async function readBody(request: Request): Promise<string> {
  try {
    return await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new AppError("payload_too_large", "The request body is over 1 MiB; send smaller batches.");
    throw error;
  }
}
