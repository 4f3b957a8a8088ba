"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { startCardSetup as start } from "@/lib/payments/cards";

// Owners and billing admins only: the wallet hides "Add card" from members, and this refuses them.
const action = workspaceAction("moveMoney", z.object({}), (_input, { workspace }) => start(workspace.id));

/** A SetupIntent for a new card; the browser confirms it (Stripe Elements, or a test card). */
export async function startCardSetup(workspaceSlug: string) {
  return action(workspaceSlug, {});
}
