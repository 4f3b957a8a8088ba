"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { impersonationReason, startImpersonation as start } from "@/lib/auth/impersonation";

const schema = z.object({ workspaceId: z.uuid("not_found"), reason: impersonationReason });

export type StartImpersonationInput = z.input<typeof schema>;

// Staff only (staffAction answers not_found to anyone else, also when called directly).
// Ends the staff member's previous visit, if any; the browser then opens the workspace.
const action = staffAction(schema, async ({ workspaceId, reason }, { user, audit }) => {
  const started = await start(user, workspaceId, reason, { ip: audit.ip, userAgent: audit.userAgent });
  return { slug: started.workspace.slug };
});

export async function startImpersonation(input: StartImpersonationInput) {
  return action(input);
}
