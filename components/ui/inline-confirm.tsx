import type { ReactNode, Ref } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

/**
 * The "Remove? Yes, remove / Cancel" that takes the place of a trigger button (its state and
 * focus come from useInlineConfirm): a group named by the question, a destructive confirm with a
 * spinner while the action runs, and Cancel, which gets focus when the group opens. Escape
 * cancels unless the action is running.
 */
export function InlineConfirm({
  question,
  className,
  children,
  confirmLabel,
  onConfirm,
  confirmProps,
  cancelLabel,
  onCancel,
  cancelRef,
  pending,
}: {
  /** The group's accessible name. */
  question: string;
  className: string;
  /** Shown before the buttons (the question as it reads on screen), if anything. */
  children?: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  /** More of the confirm button's attributes: data-testid, aria-busy, aria-describedby. */
  confirmProps?: Omit<ButtonProps, "children" | "onClick" | "disabled" | "pending" | "variant" | "size"> & { [data: `data-${string}`]: string };
  cancelLabel: ReactNode;
  onCancel: () => void;
  cancelRef: Ref<HTMLButtonElement>;
  /** The confirmed action is running: both buttons are disabled, the confirm one spins. */
  pending: boolean;
}) {
  return (
    <div
      role="group"
      aria-label={question}
      className={className}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onCancel();
      }}
    >
      {children}
      <Button variant="destructive" size="sm" onClick={onConfirm} disabled={pending} pending={pending} {...confirmProps}>
        {confirmLabel}
      </Button>
      <Button ref={cancelRef} variant="ghost" size="sm" onClick={onCancel} disabled={pending}>
        {cancelLabel}
      </Button>
    </div>
  );
}
