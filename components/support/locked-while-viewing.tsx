import { Lock } from "lucide-react";
import type { ReactNode } from "react";

/**
 * Money controls while a support staff member views the workspace: shown, every control inside
 * disabled (a disabled fieldset), with the reason written beside them. The server refuses the
 * actions too (lib/auth/roles.ts moveMoney); this only says so before anyone tries.
 */
export function LockedWhileViewing({ id, reason, children }: { id: string; reason: string; children: ReactNode }) {
  return (
    <div className="grid gap-2" data-testid="locked-while-viewing">
      <fieldset disabled aria-describedby={id} className="contents">
        {children}
      </fieldset>
      <p id={id} className="flex items-start gap-1.5 text-xs text-muted-foreground">
        <Lock aria-hidden className="mt-px size-3.5 shrink-0" />
        {reason}
      </p>
    </div>
  );
}
