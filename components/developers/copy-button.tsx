"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

const FEEDBACK_MS = 2000;

/**
 * Copies `value` to the clipboard and says so for a moment. The async Clipboard API needs a
 * secure context (https or localhost); elsewhere the old selection-based copy is tried.
 */
export function CopyButton({
  value,
  label,
  copiedLabel,
  failedLabel,
  srSuffix,
  ...props
}: Omit<ButtonProps, "onClick" | "children" | "value"> & {
  value: string;
  label: string;
  copiedLabel: string;
  failedLabel: string;
  /** Extra words for screen readers only ("example"), so two Copy buttons can be told apart. */
  srSuffix?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    const ok = await copyText(value);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), ok ? FEEDBACK_MS : FEEDBACK_MS * 2);
  }

  return (
    <>
      <Button variant="outline" size="sm" {...props} onClick={onClick}>
        {state === "copied" ? <Check aria-hidden className="text-success" /> : <Copy aria-hidden />}
        {state === "copied" ? copiedLabel : label}
        {srSuffix && state !== "copied" ? <span className="sr-only"> {srSuffix}</span> : null}
      </Button>
      <span role="status" className={state === "failed" ? "basis-full text-xs font-medium text-destructive" : "sr-only"}>
        {state === "copied" ? copiedLabel : state === "failed" ? failedLabel : ""}
      </span>
    </>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: fall back below.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
