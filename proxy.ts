import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { foreignServerActionOrigin } from "@/lib/http/server-action-origin";

// Only redirects anonymous visitors to the login page. It is not a security boundary: every
// page, action and route checks the session, membership and role again on the server.
const PUBLIC_PATHS = ["/login", "/signup"];

export async function proxy(request: NextRequest) {
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
  if (isPublic) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but the API (it answers 401 itself), Next's assets and static files.
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt|.*\\.(?:png|svg|jpg|ico|woff2?)$).*)"],
};
