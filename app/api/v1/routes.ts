// Every route of the public API, by path. The production server (scripts/app-server.ts) calls
// these handlers directly and the integration tests call them in-process; a test checks that
// this table lists every app/api/v1/**/route.ts.
import * as authorize from "./authorize/route";
import * as prices from "./prices/route";
import * as usageEvents from "./usage-events/route";
import * as wallet from "./wallet/route";

export type RouteHandler = (request: Request) => Promise<Response>;
export type PublicApiRoutes = Record<string, Partial<Record<"GET" | "POST", RouteHandler>>>;

export const PUBLIC_API_ROUTES = {
  "/api/v1/authorize": authorize,
  "/api/v1/prices": prices,
  "/api/v1/usage-events": usageEvents,
  "/api/v1/wallet": wallet,
} satisfies PublicApiRoutes;
