"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { setOnboardingDismissed as store } from "@/lib/onboarding/progress";

// Those who follow the walkthrough (manageBilling) hide it, or bring it back from the user menu.
const action = workspaceAction("manageBilling", z.object({ dismissed: z.boolean() }), async ({ dismissed }, { workspace, user }) => {
  await store(workspace.id, user.id, dismissed);
  return { dismissed };
});

export async function setOnboardingDismissed(workspaceSlug: string, input: { dismissed: boolean }) {
  return action(workspaceSlug, input);
}
