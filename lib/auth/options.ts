import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { checkCredentials } from "@/lib/auth/login";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/sessions";
import { env } from "@/lib/env";

const credentialsSchema = z.object({ email: z.string().max(254), password: z.string().max(200) });

export const authOptions: NextAuthOptions = {
  // NEXTAUTH_SECRET as lib/env.ts reads it (trimmed), the value proxy.ts verifies cookies with;
  // a getter, so it is read when next-auth handles a request, not when this module loads.
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const forwardedFor = request?.headers?.["x-forwarded-for"];
        const client = clientAddress(typeof forwardedFor === "string" ? forwardedFor : undefined);
        const result = await checkCredentials(parsed.data.email, parsed.data.password, client);
        // The message becomes `error` in signIn()'s answer; the login page translates it.
        if (!result.ok) throw new Error(result.reason === "throttled" ? `throttled:${result.retryAfterSeconds}` : result.reason);
        return result.user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.platformRole = user.platformRole;
        token.sessionId = await startSession(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { ...session.user, id: token.userId, platformRole: token.platformRole };
      session.sessionId = token.sessionId;
      return session;
    },
  },
  events: {
    // Ends the session on the server: the cookie, or any copy of it, is refused from now on.
    async signOut({ token }) {
      await endSession(token?.sessionId);
    },
  },
};
