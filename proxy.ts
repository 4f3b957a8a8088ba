import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { foreignServerActionOrigin } from "@/lib/http/server-action-origin";
import { commonSecurityHeaders, newNonce, originOf, pageContentSecurityPolicy } from "@/lib/http/security-headers";
import { emulatorBrowserUrl } from "@/lib/payments/emulator-mode";

// Every page request passes here: it gets its security headers (a Content-Security-Policy with
// a fresh nonce, which Next.js reads from the request and puts on its own scripts), foreign
// server actions are refused, and anonymous visitors are sent to the login page. The latter is
// not a security boundary: every page, action and route checks the session, membership and
// role again on the server.
const PUBLIC_PATHS = ["/login", "/signup", "/invite"];

export async function proxy(request: NextRequest) {
  const settings = env();
  const csp = pageContentSecurityPolicy({
    nonce: newNonce(),
    development: settings.NODE_ENV === "development",
    emulatorOrigin: originOf(emulatorBrowserUrl(settings)),
    https: settings.NEXTAUTH_URL.startsWith("https://"),
  });
  const response = await route(request, csp);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(commonSecurityHeaders({ production: settings.NODE_ENV === "production" }))) {
    response.headers.set(name, value);
  }
  return response;
}

async function route(request: NextRequest, csp: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  // A server action from another site: a clean 403 here, instead of the 500 and stack trace of
  // Next.js's own refusal. Public pages' actions (sign-up) included, so this comes first.
  if (request.method === "POST" && request.headers.has("next-action")) {
    const foreign = foreignServerActionOrigin(request.headers);
    if (foreign) {
      console.warn(`[proxy] refused a server action to ${pathname}: ${foreign}`);
      return new NextResponse("Cross-origin server action refused", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  }
  const isPublic = PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  if (isPublic || (await getToken({ req: request, secret: env().NEXTAUTH_SECRET }))) {
    // Next.js takes the nonce from the request's policy when it renders the page.
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    return NextResponse.next({ request: { headers } });
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Every page. Not the API: its routes answer 401 themselves and get their headers from
  // next.config.ts (a proxy would also buffer every request body, the webhook's included);
  // not Next's assets and static files.
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt|.*\\.(?:png|svg|jpg|ico|webmanifest|woff2?)$).*)"],
};
