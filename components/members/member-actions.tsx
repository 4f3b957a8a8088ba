"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { Select } from "@/components/ui/select";
import { useInlineConfirm } from "@/components/ui/use-inline-confirm";
import { changeMemberRole, removeMember, revokeInvitation } from "@/lib/actions/members";
import type { MemberRole } from "@/lib/generated/prisma/enums";

const ROLES: MemberRole[] = ["OWNER", "BILLING_ADMIN", "MEMBER"];

/** An owner's controls on a member's row: the role (saved on change) and remove, confirmed inline. */
export function MemberActions({ workspaceSlug, membershipId, name, role }: { workspaceSlug: string; membershipId: string; name: string; role: MemberRole }) {
  const t = useTranslations("members");
  const roles = useTranslations("roles");
  const router = useRouter();
  const errorId = useId();
  const { confirming, triggerRef, cancelRef, open, cancel } = useInlineConfirm();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(action: () => Promise<{ ok: boolean; error?: { message: string } } | null>) {
    setError(null);
    startTransition(async () => {
      const result = await action().catch(() => null);
      if (!result) return setError(t("errorNetwork"));
      if (!result.ok) return setError(result.error?.message ?? t("errorNetwork"));
      router.refresh();
    });
  }

  return (
    <div className="grid justify-items-end gap-1.5">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Select
          aria-label={t("changeRole", { name })}
          aria-describedby={error ? errorId : undefined}
          value={role}
          disabled={pending}
          wrapperClassName="w-36 sm:w-44"
          className="h-9"
          data-testid="member-role"
          onChange={(event) => {
            const next = event.target.value;
            run(() => changeMemberRole(workspaceSlug, { membershipId, role: next }));
          }}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {roles(value)}
            </option>
          ))}
        </Select>
        {confirming ? (
          <InlineConfirm
            question={t("removeQuestion", { name })}
            className="flex items-center gap-2"
            confirmLabel={t("removeYes")}
            onConfirm={() => run(() => removeMember(workspaceSlug, { membershipId }))}
            confirmProps={{ "data-testid": "member-remove-confirm" }}
            cancelLabel={t("cancel")}
            onCancel={cancel}
            cancelRef={cancelRef}
            pending={pending}
          />
        ) : (
          <Button ref={triggerRef} size="sm" variant="outline" onClick={open} aria-label={t("removeLabel", { name })} data-testid="member-remove">
            {t("remove")}
          </Button>
        )}
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-right text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Revokes a pending invitation. */
export function RevokeInvitationButton({ workspaceSlug, invitationId, email }: { workspaceSlug: string; invitationId: string; email: string }) {
  const t = useTranslations("members");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="grid justify-items-end gap-1">
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        aria-label={t("revokeLabel", { email })}
        data-testid="invitation-revoke"
        onClick={() =>
          startTransition(async () => {
            const result = await revokeInvitation(workspaceSlug, { invitationId }).catch(() => null);
            if (!result?.ok) setError(result ? result.error.message : t("errorNetwork"));
            router.refresh();
          })
        }
      >
        {t("revoke")}
      </Button>
      {error ? (
        <p role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
