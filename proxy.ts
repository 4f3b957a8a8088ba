import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Only redirects anonymous visitors to the login page. It is not a security boundary: every
// page, action and route checks the session, membership and role again on the server.
const PUBLIC_PATHS = ["/login", "/signup"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
