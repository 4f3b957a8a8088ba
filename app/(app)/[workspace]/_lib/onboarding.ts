import "server-only";
import { headers } from "next/headers";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { recordOnboardingVisit, type VisitedScreen } from "@/lib/onboarding/progress";

/**
 * Walkthrough steps 1 and 4 are done when the screen was opened: record it from the page — but
 * not for a router prefetch, which renders the page without anyone looking at it.
 */
export async function recordVisit(workspaceId: string, role: MemberRole, screen: VisitedScreen): Promise<boolean> {
  const request = await headers();
  if (request.has("next-router-prefetch") || request.has("next-router-segment-prefetch")) return false;
  return recordOnboardingVisit(workspaceId, role, screen);
}
