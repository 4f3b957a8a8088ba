"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { stopImpersonation as stop } from "@/lib/auth/impersonation";

// Stop viewing: ends the staff member's open visit (audited); the browser goes back to the console.
const action = staffAction(z.object({}), async (_input, { user, audit }) => ({
  stopped: await stop(user, { ip: audit.ip, userAgent: audit.userAgent }),
}));

export async function stopImpersonation() {
  return action({});
}
