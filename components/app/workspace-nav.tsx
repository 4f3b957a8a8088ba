"use client";

import {
  BarChart3,
  Code2,
  CreditCard,
  LayoutDashboard,
  Radio,
  ScrollText,
  ReceiptText,
  SlidersHorizontal,
  Users,
  Wallet,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

type Item = { href: string; label: string; icon: LucideIcon };

export function WorkspaceNav({ slug, canManageBilling, canReadAuditLog }: { slug: string; canManageBilling: boolean; canReadAuditLog: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const base = `/${slug}`;

  const billing: Item[] = [
    { href: `${base}/settings/billing/wallet`, label: t("wallet"), icon: Wallet },
    { href: `${base}/settings/billing/usage`, label: t("usage"), icon: BarChart3 },
    { href: `${base}/settings/billing/transactions`, label: t("transactions"), icon: ReceiptText },
    // Members cannot open billing settings; the page and its action refuse them too.
    ...(canManageBilling ? [{ href: `${base}/settings/billing`, label: t("billingSettings"), icon: SlidersHorizontal }] : []),
  ];
  const settings: Item[] = [
    { href: `${base}/settings/channels`, label: t("channels"), icon: Radio },
    { href: `${base}/settings/developers`, label: t("developers"), icon: Code2 },
    { href: `${base}/settings/members`, label: t("members"), icon: Users },
    // Owners only; the page answers the others with an explanation.
    ...(canReadAuditLog ? [{ href: `${base}/settings/audit-log`, label: t("auditLog"), icon: ScrollText }] : []),
  ];

  return (
    <nav aria-label={t("label")} className="grid gap-6 text-sm">
      <ul className="grid gap-0.5">
        <NavLink item={{ href: base, label: t("overview"), icon: LayoutDashboard }} active={pathname === base} />
      </ul>
      <div className="grid gap-2">
        <p className="px-3 text-xs font-semibold tracking-wider text-muted-foreground uppercase">{t("settings")}</p>
        <ul className="grid gap-0.5">
          <li>
            <p className="flex items-center gap-3 px-3 py-2 font-medium text-foreground">
              <CreditCard aria-hidden className="size-4 text-muted-foreground" />
              {t("billing")}
            </p>
            <ul className="ml-5 grid gap-0.5 border-l border-border pl-2" aria-label={t("billing")}>
              {billing.map((item) => (
                <NavLink key={item.href} item={item} active={pathname === item.href} nested />
              ))}
            </ul>
          </li>
          {settings.map((item) => (
            <NavLink key={item.href} item={item} active={pathname === item.href || pathname.startsWith(`${item.href}/`)} />
          ))}
        </ul>
      </div>
    </nav>
  );
}

function NavLink({ item, active, nested = false }: { item: Item; active: boolean; nested?: boolean }) {
  const Icon = item.icon;
  return (
    <li>
      <Link
        href={item.href}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex items-center gap-3 rounded-md px-3 py-2 font-medium transition-colors",
          "focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          active ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
          nested && "py-1.5",
        )}
      >
        <Icon aria-hidden className={cn("size-4 shrink-0", active ? "text-primary" : "")} />
        {item.label}
      </Link>
    </li>
  );
}
