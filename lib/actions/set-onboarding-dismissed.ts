"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { followsOnboarding, setOnboardingDismissed as store } from "@/lib/onboarding/progress";

// Those who follow the walkthrough hide it, or bring it back from the user menu. A personal
// preference kept on the membership: a staff member viewing the workspace has none to change.
const action = workspaceAction("manageSettings", z.object({ dismissed: z.boolean() }), async ({ dismissed }, { workspace, user, role, impersonation, audit }) => {
  if (impersonation || !followsOnboarding(role)) throw new AppError("forbidden");
  await store(workspace.id, user.id, dismissed, audit);
  return { dismissed };
});

export async function setOnboardingDismissed(workspaceSlug: string, input: { dismissed: boolean }) {
  return action(workspaceSlug, input);
}
