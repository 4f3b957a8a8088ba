"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { revokeApiKey as revokeKey } from "@/lib/auth/api-keys";

const schema = z.object({ id: z.uuid("not_found") });

export type RevokeApiKeyInput = z.input<typeof schema>;

// Owners only. The workspace id in the query means a key of another workspace is "not found".
const action = workspaceAction("manageWorkspace", schema, async ({ id }, { workspace, audit }) => {
  await revokeKey(workspace.id, id, audit);
  return { id };
});

export async function revokeApiKey(workspaceSlug: string, input: RevokeApiKeyInput) {
  return action(workspaceSlug, input);
}
