// Every route of the public API, by path. The production server (scripts/app-server.ts) calls
// these handlers directly and the integration tests call them in-process; a test checks that
// this table lists every app/api/v1/**/route.ts.
import type { RouteModule } from "@/lib/api/handler";
import * as unknownPath from "./[[...path]]/route";
import * as authorize from "./authorize/route";
import * as prices from "./prices/route";
import * as usageEvents from "./usage-events/route";
import * as wallet from "./wallet/route";

export type { RouteHandler } from "@/lib/api/handler";
export type PublicApiRoutes = Record<string, RouteModule>;

/** Answers every path under /api/v1 that is not in the table (JSON 404), as Next.js's optional catch-all does. */
export const UNKNOWN_PATH = "/api/v1/[[...path]]";

export const PUBLIC_API_ROUTES = {
  [UNKNOWN_PATH]: unknownPath,
  "/api/v1/authorize": authorize,
  "/api/v1/prices": prices,
  "/api/v1/usage-events": usageEvents,
  "/api/v1/wallet": wallet,
} satisfies PublicApiRoutes;
