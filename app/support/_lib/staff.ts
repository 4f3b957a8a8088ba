import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { requireStaff } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

/**
 * requireStaff for the console's layout and each of its pages (they render in parallel, so each
 * checks): a lost session goes to the login page, anyone who is not SUPPORT or ADMIN gets a 404.
 */
export const loadStaff = cache(async () => {
  try {
    return await requireStaff();
  } catch (error) {
    if (isAppError(error) && error.code === "unauthenticated") redirect("/login?callbackUrl=%2Fsupport");
    if (isAppError(error)) notFound();
    throw error;
  }
});
