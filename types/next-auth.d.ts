import type { DefaultSession } from "next-auth";

type PlatformRole = "SUPPORT" | "ADMIN" | null;

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; platformRole: PlatformRole };
    /** The server-side Session row (lib/auth/sessions.ts); absent in cookies from before it. */
    sessionId?: string;
  }
  interface User {
    id: string;
    platformRole: PlatformRole;
    locale: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    platformRole: PlatformRole;
    sessionId?: string;
  }
}
