import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";

/** An amount field with its currency code shown inside, on the left. */
export function CurrencyInput({ currency, className, ...props }: ComponentProps<typeof Input> & { currency: string }) {
  return (
    <div className="relative">
      <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3 flex items-center font-mono text-xs text-muted-foreground">
        {currency}
      </span>
      <Input inputMode="decimal" autoComplete="off" {...props} className={cn("tabular pl-13", className)} />
    </div>
  );
}
