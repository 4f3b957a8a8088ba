// Methods Next.js cannot route, on every path outside /api/v1 (whose door answers them with the
// route's own Allow, scripts/lib/public-api.ts). Next.js turns each request into a Web Request
// and a route file exports at most GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS: TRACE, which
// no Web Request can carry, failed inside Next.js with a 500 and no security headers — the Stripe
// webhook, next-auth and every page alike — and PROPFIND, QUERY, PURGE… got an empty 400 from a
// route and a rendered page from a page (issue 13, found by the hostile-input slice over real
// sockets). The app's server answers them all here, before Next.js sees them: 405 with Allow,
// in the API's JSON error shape under /api, as text elsewhere.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTP_METHODS, isHttpMethod } from "@/lib/api/handler";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

const ALLOW = HTTP_METHODS.join(", ");

/** Answers 405 to a method no route file can export and returns true; false, having touched nothing, for any other. */
export function refuseUnroutableMethodAnywhere(req: IncomingMessage, res: ServerResponse): boolean {
  if (isHttpMethod(req.method ?? "")) return false;
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { code: "method_not_allowed", message: `${req.method} is not served here; this server answers ${ALLOW}.` } })
    : "Method Not Allowed";
  res.writeHead(405, {
    // What is not a page gets the API's headers: nothing may load from it or frame it.
    ...apiSecurityHeaders({ production: process.env.NODE_ENV === "production" }),
    "content-type": api ? "application/json" : "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    allow: ALLOW,
  });
  res.end(body);
  return true;
}
