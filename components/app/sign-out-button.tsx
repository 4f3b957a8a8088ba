"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button, type ButtonProps } from "@/components/ui/button";

export function SignOutButton({ variant = "outline" }: { variant?: ButtonProps["variant"] }) {
  const t = useTranslations("shell");
  return (
    <Button variant={variant} onClick={() => signOut({ callbackUrl: "/login" })}>
      <LogOut aria-hidden />
      {t("signOut")}
    </Button>
  );
}
