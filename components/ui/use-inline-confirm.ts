"use client";

import { useEffect, useRef, useState } from "react";

/**
 * State of an inline "Remove? Yes / Cancel" that replaces its trigger button. Focus moves to
 * Cancel when it opens and back to the trigger when the user cancels, so keyboard and screen
 * reader users never lose their place. Attach `triggerRef` and `cancelRef` to those buttons.
 */
export function useInlineConfirm() {
  const [confirming, setConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [confirming]);

  return {
    confirming,
    triggerRef,
    cancelRef,
    open: () => setConfirming(true),
    /** Closes and gives focus back to the trigger. */
    cancel: () => {
      returnFocus.current = true;
      setConfirming(false);
    },
    /** Closes after the action went through (the trigger may be gone). */
    close: () => setConfirming(false),
  };
}
