/** Top-level paths of the app that a workspace slug must not shadow. */
export const RESERVED_SLUGS = new Set([
  "api", "login", "signup", "logout", "onboarding", "support", "settings", "admin", "_next", "static", "public",
  "favicon.ico", "robots.txt", "workspaces", "account", "new",
]);

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
