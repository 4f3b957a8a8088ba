"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { createApiKey as createKey } from "@/lib/auth/api-keys";

// Messages are keys of the `errors` namespace, shown next to the field.
const schema = z.object({
  name: z.string("api_key_name_required").trim().min(1, "api_key_name_required").max(100, "api_key_name_too_long"),
});

export type CreateApiKeyInput = z.input<typeof schema>;

// Owners only: the page hides the form from everyone else, and this refuses them.
const action = workspaceAction("grantAccess", schema, async ({ name }, { workspace, user, audit }) => {
  const { secret, apiKey } = await createKey(workspace.id, name, user.id, audit);
  // The secret leaves the server this once; only its hash is stored.
  return { secret, name: apiKey.name, prefix: apiKey.prefix };
});

export async function createApiKey(workspaceSlug: string, input: CreateApiKeyInput) {
  return action(workspaceSlug, input);
}
