/** The first stop for keyboard users: hidden until focused, it jumps past the navigation to <main id="main">. */
export function SkipLink({ label }: { label: string }) {
  return (
    <a href="#main" className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3">
      {label}
    </a>
  );
}
