import "server-only";
import { NextResponse } from "next/server";
import { authenticateApiKey, type ApiCaller } from "@/lib/auth/api-keys";
import { isAppError } from "@/lib/errors";
import { findIdempotent, requestHash, saveIdempotent } from "@/lib/api/idempotency";
import { rateLimitFromEnv, takeToken } from "@/lib/api/rate-limit";
import { text } from "@/lib/validation";

// The public API's one wrapper (API.md "Conventions"): key → rate limit → body size and JSON →
// Idempotency-Key → handler → the documented error shape. Route files stay thin.

export const MAX_BODY_BYTES = 1024 * 1024;
// HTTP already keeps NUL and non-Latin-1 characters out of header values; the shared block
// states the rule rather than relying on it.
const idempotencyKeySchema = text("Idempotency-Key", { max: 255 });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type ApiContext = { caller: ApiCaller; url: URL; body: unknown };
export type ApiResult = { status?: number; body: unknown };

export function errorResponse(status: number, code: string, message: string, field?: string, headers?: HeadersInit) {
  return NextResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers });
}

export function apiRoute(handler: (context: ApiContext) => Promise<ApiResult>) {
  return async (request: Request): Promise<Response> => {
    try {
      const caller = await authenticateApiKey(request.headers.get("authorization"));
      if (!caller) {
        return errorResponse(401, "unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'.", undefined, {
          "WWW-Authenticate": "Bearer",
        });
      }
      const retryAfter = takeToken(caller.apiKeyId, rateLimitFromEnv());
      if (retryAfter > 0) {
        return errorResponse(429, "rate_limited", `Too many requests; retry in ${retryAfter} s.`, undefined, {
          "Retry-After": String(retryAfter),
        });
      }
      const url = new URL(request.url);
      if (request.method === "GET") return json(await handler({ caller, url, body: undefined }));

      const raw = await readBody(request);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
      }

      const key = request.headers.get("idempotency-key");
      if (key === null) return json(await handler({ caller, url, body }));
      const checked = idempotencyKeySchema.safeParse(key);
      if (!checked.success) throw new ApiError(400, "invalid_field", checked.error.issues[0].message, "Idempotency-Key");
      const hash = requestHash(request.method, url.pathname, raw);
      const previous = await findIdempotent(caller.workspaceId, key, hash);
      if (previous.state === "conflict") throw idempotencyConflict();
      if (previous.state === "replay") return replay(previous.response);

      const result = await handler({ caller, url, body });
      const response = { status: result.status ?? 200, body: result.body };
      const saved = await saveIdempotent(caller.workspaceId, key, hash, response);
      if (saved.state === "conflict") throw idempotencyConflict();
      if (saved.state === "replay") return replay(saved.response);
      return json(result);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.field);
      if (isAppError(error)) return errorResponse(error.status, error.code, error.message, error.field);
      console.error(error);
      return errorResponse(500, "internal_error", "Something went wrong on our side; it is safe to retry.");
    }
  };
}

function json(result: ApiResult) {
  return NextResponse.json(result.body, { status: result.status ?? 200 });
}

function replay(response: { status: number; body: unknown }) {
  return NextResponse.json(response.body, { status: response.status, headers: { "Idempotent-Replayed": "true" } });
}

function idempotencyConflict() {
  return new ApiError(409, "idempotency_conflict", "This Idempotency-Key was already used with a different request.");
}

/** Reads the body, refusing more than MAX_BODY_BYTES whatever Content-Length claims. */
async function readBody(request: Request): Promise<string> {
  const tooLarge = () => new ApiError(413, "payload_too_large", "The request body is over 1 MiB; send smaller batches.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
