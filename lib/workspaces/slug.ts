/** Top-level paths of the app that a workspace slug must not shadow. */
export const RESERVED_SLUGS = new Set([
  "api", "login", "signup", "logout", "onboarding", "support", "settings", "admin", "_next", "static", "public",
  "favicon.ico", "robots.txt", "workspaces", "account", "new",
]);

/** What a workspace slug is: 3–48 lowercase letters, digits and inner hyphens (what slugify makes). */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

/**
 * Whether `value` can be a workspace's slug. Checked before any lookup by slug: a URL or an
 * action argument can carry anything (a NUL made the membership query fail with a 500).
 */
export function isWorkspaceSlug(value: unknown): value is string {
  return typeof value === "string" && SLUG_PATTERN.test(value);
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 3 ? slug : `workspace-${slug || "new"}`.replace(/-$/, "");
}
