"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { timeZoneForCountry } from "@/lib/workspaces/countries";
import { createWorkspace } from "@/lib/workspaces/create";
import { userFields, workspaceFields } from "@/lib/workspaces/schema";

// Flat, like the form: field errors come back under the form's own field names.
const signUpSchema = z.object({
  workspaceName: workspaceFields.name,
  name: userFields.name,
  email: userFields.email,
  password: userFields.password,
  country: workspaceFields.country,
  /** The browser's zone: a hint, used when it lies in the chosen country (else the country's main zone). */
  timeZone: z.string().max(64).optional(),
  locale: workspaceFields.locale,
});

export type SignUpInput = z.input<typeof signUpSchema>;

const signUpAction = publicAction(signUpSchema, async (input) => {
  const { workspace } = await createWorkspace({
    name: input.workspaceName,
    country: input.country,
    timeZone: timeZoneForCountry(input.country, input.timeZone),
    locale: input.locale,
    owner: { name: input.name, email: input.email, password: input.password },
  });
  // The client signs in with the same credentials, then opens the wallet.
  return { slug: workspace.slug };
});

/** Creates a workspace, its wallet and its owner; answers the new workspace's slug. */
export async function signUp(input: SignUpInput) {
  return signUpAction(input);
}
