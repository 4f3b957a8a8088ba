"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { LogoMark } from "@/components/brand/logo";
import { Button } from "@/components/ui/button";

/**
 * The phone navigation: a native modal <dialog> used as a drawer, so focus is trapped, Escape
 * closes it and the page behind is inert without extra dependencies.
 */
export function MobileNav({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  const t = useTranslations("shell");
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();

  // Following a link closes the drawer.
  useEffect(() => {
    dialog.current?.close();
  }, [pathname]);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="-ml-1 lg:hidden"
        aria-label={t("openMenu")}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => {
          dialog.current?.showModal();
          setOpen(true);
        }}
      >
        <Menu aria-hidden className="size-5" />
      </Button>
      <dialog
        ref={dialog}
        id="mobile-nav"
        aria-label={t("menu")}
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialog.current) dialog.current.close();
        }}
        className="fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-72 max-w-[85vw] border-0 bg-sidebar p-0 text-foreground shadow-xl backdrop:bg-foreground/40 open:flex lg:hidden"
      >
        <div className="flex w-full flex-col">
          <div className="flex h-16 items-center justify-between px-4">
            <span className="inline-flex items-center gap-2.5">
              <LogoMark />
              <span className="text-lg font-semibold tracking-tight">{title}</span>
            </span>
            <Button variant="ghost" size="icon" aria-label={t("closeMenu")} onClick={() => dialog.current?.close()}>
              <X aria-hidden className="size-5" />
            </Button>
          </div>
          <div className="flex-1 overflow-y-auto px-3 pb-4">{children}</div>
          {footer ? <div className="border-t border-border p-3">{footer}</div> : null}
        </div>
      </dialog>
    </>
  );
}
