"use client";

import { lazy, Suspense } from "react";

export type UserMenuProps = {
  name: string;
  email: string;
  role: string;
  outboxHref?: string;
  /** The workspace whose hidden walkthrough this menu offers back. */
  resumeOnboardingIn?: string;
};

// The account menu's Radix code (menu, popper, focus scope: about a tenth of a page's first-load
// JavaScript) is fetched after the page, not with it: hydration asks for it at once. The server
// renders the menu's button as usual, and the browser keeps that markup until the code arrives and
// hydrates it, so nothing moves or flashes; only in that moment does the button not open yet.
const UserMenuDropdown = lazy(() => import("./user-menu-dropdown"));

export function UserMenu(props: UserMenuProps) {
  return (
    <Suspense>
      <UserMenuDropdown {...props} />
    </Suspense>
  );
}
