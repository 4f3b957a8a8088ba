// The production server's door to the public API. Next.js's router costs ~0.8 ms of CPU per
// request on a 2-core machine, more than the work of an authorize call; under 500 req/s it put
// authorize's p99 at 40–60 ms. The route handlers take a Web Request and return a Web Response,
// so the server can call them itself: same files, same behaviour, 2.3× the requests per second
// (2,822 against 1,217 in the same test).
import type { IncomingMessage, ServerResponse } from "node:http";
import { UNKNOWN_PATH, type PublicApiRoutes } from "@/app/api/v1/routes";
import { isHttpMethod, MAX_BODY_BYTES, unsupportedMethod } from "@/lib/api/handler";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

/**
 * Answers every request under /api/v1 and returns true; returns false, having touched nothing,
 * for any other path. As under Next.js's router: the route files' exports answer each method
 * (HEAD as GET without the body, JSON 405 with Allow for the ones a route does not implement),
 * the optional catch-all answers paths no route serves (JSON 404), and a path with a trailing
 * slash is left to Next.js, which redirects it to the path without. A method that no route
 * file can export (TRACE, PROPFIND…) is answered here: a Web Request cannot even carry TRACE.
 */
export function answerPublicApi(routes: PublicApiRoutes, req: IncomingMessage, res: ServerResponse): boolean {
  const route = routeOf(routes, req);
  if (!route) return false;
  const method = req.method ?? "";
  const handler = isHttpMethod(method) ? route[method] : undefined;
  void respond(handler ? async () => handler(await toWebRequest(req)) : async () => unsupportedMethod(route), req, res);
  return true;
}

/**
 * In development, where Next.js routes the API: answers only the requests under /api/v1 whose
 * method no route file can export (Next.js answers TRACE with an HTML 500, PROPFIND with an
 * empty 400), as answerPublicApi would; returns false for everything else.
 */
export function refuseUnroutableMethod(routes: PublicApiRoutes, req: IncomingMessage, res: ServerResponse): boolean {
  const route = routeOf(routes, req);
  if (!route || isHttpMethod(req.method ?? "")) return false;
  void respond(async () => unsupportedMethod(route), req, res);
  return true;
}

/** The route module a request under /api/v1 goes to (the catch-all for unknown paths), or undefined. */
function routeOf(routes: PublicApiRoutes, req: IncomingMessage) {
  const path = (req.url ?? "").split("?", 1)[0];
  if (path !== "/api/v1" && !path.startsWith("/api/v1/")) return undefined;
  if (path.endsWith("/")) return undefined;
  return Object.hasOwn(routes, path) ? routes[path] : routes[UNKNOWN_PATH];
}

async function respond(answer: () => Promise<Response>, req: IncomingMessage, res: ServerResponse) {
  // What next.config.ts adds to the API routes Next.js serves.
  for (const [name, value] of Object.entries(apiSecurityHeaders({ production: process.env.NODE_ENV === "production" }))) res.setHeader(name, value);
  try {
    const response = await answer();
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.length });
    res.end(body); // Node.js sends no body to a HEAD request, and keeps its Content-Length
  } catch (error) {
    // apiRoute turns every error into a response, so this is a broken connection or a bug.
    console.error("[api]", error);
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side; it is safe to retry." } }));
  }
}

async function toWebRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The handlers read only the path and the query, so the origin is a placeholder.
  return new Request(`http://localhost${req.url}`, { method: req.method, headers, body: hasBody ? await readCapped(req) : undefined });
}

/**
 * The body, read up to one byte past the API's limit (enough for apiRoute to answer 413); the
 * rest is read and dropped so the response still reaches the client on a healthy connection.
 */
function readCapped(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", done);
      resolve(Buffer.concat(chunks) as Uint8Array<ArrayBuffer>); // never a SharedArrayBuffer
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES) done();
    };
    req.on("data", onData).on("end", done).once("error", reject);
  });
}
