// The production server's door to the public API. Next.js's router costs ~0.8 ms of CPU per
// request on a 2-core machine, more than the work of an authorize call; under 500 req/s it put
// authorize's p99 at 40–60 ms. The route handlers take a Web Request and return a Web Response,
// so the server can call them itself: same files, same behaviour, 2.3× the requests per second
// (2,822 against 1,217 in the same test).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PublicApiRoutes, RouteHandler } from "@/app/api/v1/routes";
import { MAX_BODY_BYTES } from "@/lib/api/handler";
import { apiSecurityHeaders } from "@/lib/http/security-headers";

/**
 * Answers a request for one of `routes` and returns true; returns false, having touched
 * nothing, for any other path or method (Next.js answers those, 404 and 405 included).
 */
export function answerPublicApi(routes: PublicApiRoutes, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?", 1)[0];
  const handler = Object.hasOwn(routes, path) ? routes[path][req.method as "GET" | "POST"] : undefined;
  if (!handler) return false;
  void respond(handler, req, res);
  return true;
}

async function respond(handler: RouteHandler, req: IncomingMessage, res: ServerResponse) {
  // What next.config.ts adds to the API routes Next.js serves.
  for (const [name, value] of Object.entries(apiSecurityHeaders({ production: process.env.NODE_ENV === "production" }))) res.setHeader(name, value);
  try {
    const response = await handler(await toWebRequest(req));
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.length });
    res.end(body);
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
