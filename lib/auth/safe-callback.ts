/**
 * A callbackUrl is followed only when it is a same-origin relative path: "/x" but never
 * "//evil.example", "/\\evil.example" or "https://…", and never back to the auth pages.
 */
export function safeCallbackUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\\]/.test(value)) return null;
  try {
    const url = new URL(value, "http://localhost");
    if (url.origin !== "http://localhost") return null;
    if (url.pathname === "/login" || url.pathname === "/signup") return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}
