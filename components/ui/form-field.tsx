import { Info } from "lucide-react";
import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";

type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A label, the control, an optional hint and the field's own error, wired with ARIA. */
export function FormField({
  id,
  label,
  hint,
  hintLive = false,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  hintLive?: boolean;
  error?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  // A plain hint gives way to the error it would repeat; a live hint (say, the plan currency) stays.
  const showHint = Boolean(hint) && (hintLive || !error);
  const hintId = showHint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      {showHint ? (
        <p id={hintId} className="flex items-start gap-1.5 text-xs text-muted-foreground" aria-live={hintLive ? "polite" : undefined}>
          {hintLive ? <Info aria-hidden className="mt-px size-3.5 shrink-0" /> : null}
          {hint}
        </p>
      ) : null}
    </div>
  );
}
