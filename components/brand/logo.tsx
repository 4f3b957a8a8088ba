import { cn } from "@/components/ui/cn";

/** The Saldo mark: a wallet on a deep-teal tile. Decorative; the wordmark carries the name. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn("size-8 shrink-0", className)}>
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M9 12.5c0-1.9 1.6-3.5 3.5-3.5H22a1 1 0 0 1 1 1v1.5"
        fill="none"
        stroke="white"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
      <rect x="8" y="11.5" width="16" height="11.5" rx="3" fill="none" stroke="white" strokeWidth="2.2" />
      <circle cx="19.5" cy="17.25" r="1.6" fill="white" />
    </svg>
  );
}

export function Logo({ name, className }: { name: string; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className="text-lg font-semibold tracking-tight text-foreground">{name}</span>
    </span>
  );
}
