import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

/** Shown instead of a page the user's role may not open (the server refuses its actions too). */
export function Forbidden({ title, body, backHref, backLabel }: { title: string; body: string; backHref: string; backLabel: string }) {
  return (
    <section
      role="alert"
      data-testid="forbidden"
      className="mx-auto mt-6 flex max-w-lg flex-col items-center gap-4 rounded-xl border border-border bg-card px-6 py-12 text-center shadow-xs"
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-warning-soft text-warning">
        <ShieldAlert aria-hidden className="size-6" />
      </div>
      <div className="grid gap-2">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="text-muted-foreground">{body}</p>
      </div>
      <Link href={backHref} className={buttonVariants({ variant: "outline" })}>
        {backLabel}
      </Link>
    </section>
  );
}
