"use client";

import { ChevronDown, Compass, Inbox, LogOut } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { setOnboardingDismissed } from "@/lib/actions/set-onboarding-dismissed";
import type { UserMenuProps } from "./user-menu";

/** The account menu itself (Radix), which user-menu.tsx loads after the page. */
export default function UserMenuDropdown({ name, email, role, outboxHref, resumeOnboardingIn }: UserMenuProps) {
  const t = useTranslations("shell");
  const router = useRouter();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");

  return (
    <DropdownMenu>
      {/* Named by its content, not an aria-label, so the name holds what is shown (the user's
          name from md up; WCAG 2.5.3): "Account menu for" is read, never shown, and under md the
          name is read but hidden behind the initials. */}
      <DropdownMenuTrigger
        className="flex items-center gap-2 rounded-full p-0.5 pr-1 transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none sm:rounded-md sm:pr-2"
      >
        <span
          aria-hidden
          className="flex size-8 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
        >
          {initials || "?"}
        </span>
        <span className="max-w-40 truncate text-sm font-medium max-md:sr-only">
          {t.rich("userMenu", { name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
        </span>
        <ChevronDown aria-hidden className="hidden size-4 text-muted-foreground sm:inline" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-1">
          <span className="truncate font-medium">{name}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{email}</span>
          <span className="mt-1">
            <Badge variant="default">{role}</Badge>
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {resumeOnboardingIn ? (
          <DropdownMenuItem
            data-testid="onboarding-resume"
            onSelect={async () => {
              const result = await setOnboardingDismissed(resumeOnboardingIn, { dismissed: false }).catch(() => null);
              if (result?.ok) router.push(`/${resumeOnboardingIn}`);
              router.refresh();
            }}
          >
            <Compass aria-hidden />
            {t("resumeOnboarding")}
          </DropdownMenuItem>
        ) : null}
        {outboxHref ? (
          <DropdownMenuItem asChild>
            <Link href={outboxHref} data-testid="outbox-link">
              <Inbox aria-hidden />
              {t("outbox")}
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem onSelect={() => signOut({ callbackUrl: "/login" })}>
          <LogOut aria-hidden />
          {t("signOut")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
