import { CreditCard } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * A small card-shaped mark for the network, drawn with CSS (no logo files to ship). Decorative:
 * the brand name is always written next to it.
 */
export function CardBrandMark({ brand, className }: { brand: string; className?: string }) {
  const base = "flex h-7 w-11 shrink-0 items-center justify-center rounded-md text-[10px] font-bold tracking-wide select-none";
  switch (brand) {
    case "visa":
      return (
        <span aria-hidden className={cn(base, "bg-[#1a1f71] italic text-white", className)}>
          VISA
        </span>
      );
    case "mastercard":
      return (
        <span aria-hidden className={cn(base, "border border-border bg-[#16181d]", className)}>
          <span className="size-3.5 rounded-full bg-[#eb001b]" />
          <span className="-ml-1.5 size-3.5 rounded-full bg-[#f79e1b] mix-blend-screen" />
        </span>
      );
    case "amex":
    case "american_express":
      return (
        <span aria-hidden className={cn(base, "bg-[#2e77bc] text-white", className)}>
          AMEX
        </span>
      );
    default:
      return (
        <span aria-hidden className={cn(base, "border border-border bg-muted text-muted-foreground", className)}>
          <CreditCard className="size-4" />
        </span>
      );
  }
}
