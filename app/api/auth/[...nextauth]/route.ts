import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { refuseWhatNextAuthCannotRead } from "@/lib/auth/next-auth-input";
import { authOptions } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth?: string[] }> };

/** next-auth, after the requests it would answer with a 500 are refused (lib/auth/next-auth-input.ts). */
async function auth(request: NextRequest, context: Context): Promise<Response> {
  return (await refuseWhatNextAuthCannotRead(request, (await context.params).nextauth)) ?? handler(request, context);
}

export { auth as GET, auth as POST };
