"use client";

import { ArrowRight, CircleAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Alert, AlertDescription } from "@/components/ui/alert";

export type BannerNotice = {
  id: string;
  tone: "destructive" | "warning";
  text: string;
  href: string;
  cta: string;
  /** About the balance: the pages that show the balance card already say it there. */
  balance: boolean;
};

/** The workspace banner's notices; balance notices are left out where the balance card shows them. */
export function BannerNotices({ notices, balancePages }: { notices: BannerNotice[]; balancePages: string[] }) {
  const pathname = usePathname();
  const shown = balancePages.includes(pathname) ? notices.filter((notice) => !notice.balance) : notices;
  if (shown.length === 0) return null;
  return (
    <div className="mb-6 grid gap-2" data-testid="workspace-banner">
      {shown.map((notice) => {
        const Icon = notice.tone === "destructive" ? CircleAlert : TriangleAlert;
        return (
          <Alert key={notice.id} variant={notice.tone} role="status" data-testid={`banner-${notice.id}`}>
            <Icon aria-hidden />
            <AlertDescription className="flex flex-1 flex-wrap items-center justify-between gap-x-4 gap-y-1">
              <span>{notice.text}</span>
              <Link href={notice.href} className="inline-flex shrink-0 items-center gap-1 font-semibold underline-offset-4 hover:underline">
                {notice.cta}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            </AlertDescription>
          </Alert>
        );
      })}
    </div>
  );
}
