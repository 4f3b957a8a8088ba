import { CircleCheck } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";

/**
 * A success line with a check mark ("Saved.", "Card added."). By default it comes and goes with
 * its message; `persistent` keeps the empty live region in the page, so that a message put in it
 * later (beside a submit button, say) is announced.
 */
export function StatusMessage({
  message,
  persistent = false,
  ...props
}: { message: ReactNode; persistent?: boolean } & Omit<ComponentProps<"p">, "children" | "role" | "className">) {
  if (!message && !persistent) return null;
  return (
    <p role="status" className="flex items-center gap-1.5 text-sm font-medium text-success" {...props}>
      {message ? (
        <>
          <CircleCheck aria-hidden className="size-4" />
          {message}
        </>
      ) : null}
    </p>
  );
}
