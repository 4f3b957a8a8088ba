"use server";

import { publicAction } from "@/lib/actions/safe-action";
import { currentRequest } from "@/lib/auth/session";
import { invitedSignUpSchema, signUpWithInvitation, type InvitedSignUpInput } from "@/lib/workspaces/invitations";

const action = publicAction(invitedSignUpSchema, async (input) => signUpWithInvitation(input, await currentRequest()));

/** Creates the invited address's account and joins the workspace; answers the e-mail to sign in with and the slug. */
export async function signUpInvited(input: InvitedSignUpInput) {
  return action(input);
}
