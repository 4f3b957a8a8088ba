// The registry of the authorization matrix (e2e/authorization.spec.ts): every page, route
// handler and server action of the app, and which callers it allows. Everyone else must be
// refused. A page, route or action without a row fails the matrix.

// ---- Who calls ------------------------------------------------------------------------------

const SESSION_CALLERS = [
  "member", "billingAdmin", "owner", "ownerOfOther", "noWorkspace", "invited", "signedOut",
  "support", "admin", "supportViewing", "supportViewingExpired", "supportViewingEnded",
] as const;
const KEY_CALLERS = ["keyA", "keyB", "revokedKeyA"] as const;
export const CALLERS = ["anonymous", ...SESSION_CALLERS, ...KEY_CALLERS] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Callers allowed by each rule; everyone else must be refused. `supportViewing` is a staff member
 * with an open "View as" of workspace A: the owner's view, minus money and granting access.
 * An expired or stopped visit grants nothing, and an invitation grants nothing until accepted.
 */
const MEMBERS_OF_A: Caller[] = ["member", "billingAdmin", "owner", "supportViewing"];
const SETTINGS_OF_A: Caller[] = ["billingAdmin", "owner", "supportViewing"];
const MONEY_OF_A: Caller[] = ["billingAdmin", "owner"];
const OWNER_OF_A: Caller[] = ["owner", "supportViewing"];
const ACCESS_OF_A: Caller[] = ["owner"];
const STAFF: Caller[] = ["support", "admin", "supportViewing", "supportViewingExpired", "supportViewingEnded"];
const SIGNED_IN: Caller[] = ["member", "billingAdmin", "owner", "ownerOfOther", "noWorkspace", "invited", ...STAFF];
const API_KEYS: Caller[] = ["keyA", "keyB"];
const EVERYONE: Caller[] = [...CALLERS];

// ---- The registry ---------------------------------------------------------------------------

export type Row =
  /** A page: allowed answers 200 with the page; refused is a 404, the login page or "not allowed". */
  | { kind: "page"; path: string; allowed: Caller[] }
  /** A route handler answered by its own rules (`expect` checks one caller's answer). */
  | { kind: "route"; path: string; method: "GET" | "POST"; allowed: Caller[] }
  /** A server action: `args` after the workspace slug (for workspace actions), refused by its schema. */
  | { kind: "action"; page: string; args: unknown[]; workspace: boolean; allowed: Caller[] }
  /** Not reachable as a caller's page (Next.js's own error pages). */
  | { kind: "internal" };

export const W = "[workspace]";
/** Workspace A's id, in support console paths. */
export const W_ID = "[id]";
const INVALID = { "not-a-field": "\u0000" };

/** Keyed as the build names them: page and route paths of app-paths-manifest.json, action files#exports. */
export const REGISTRY: Record<string, Row> = {
  // Pages
  "/page": { kind: "page", path: "/", allowed: SIGNED_IN },
  "/(auth)/login/page": { kind: "page", path: "/login", allowed: EVERYONE },
  "/(auth)/signup/page": { kind: "page", path: "/signup", allowed: EVERYONE },
  "/outbox/page": { kind: "page", path: "/outbox", allowed: SIGNED_IN },
  "/(app)/[workspace]/page": { kind: "page", path: `/${W}`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/page": { kind: "page", path: `/${W}/settings/billing`, allowed: SETTINGS_OF_A },
  "/(app)/[workspace]/settings/audit-log/page": { kind: "page", path: `/${W}/settings/audit-log`, allowed: OWNER_OF_A },
  "/(auth)/invite/[token]/page": { kind: "page", path: "/invite/not-a-real-token", allowed: EVERYONE },
  "/support/page": { kind: "page", path: "/support", allowed: STAFF },
  "/support/audit/page": { kind: "page", path: "/support/audit", allowed: STAFF },
  "/support/workspaces/[id]/page": { kind: "page", path: `/support/workspaces/${W_ID}`, allowed: STAFF },
  "/(app)/[workspace]/settings/billing/wallet/page": { kind: "page", path: `/${W}/settings/billing/wallet`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/usage/page": { kind: "page", path: `/${W}/settings/billing/usage`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/transactions/page": { kind: "page", path: `/${W}/settings/billing/transactions`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/channels/page": { kind: "page", path: `/${W}/settings/channels`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/developers/page": { kind: "page", path: `/${W}/settings/developers`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/members/page": { kind: "page", path: `/${W}/settings/members`, allowed: MEMBERS_OF_A },
  "/_not-found/page": { kind: "internal" },
  "/_global-error/page": { kind: "internal" },

  // Route handlers
  "/(app)/[workspace]/settings/billing/usage/export/route": { kind: "route", method: "GET", path: `/${W}/settings/billing/usage/export`, allowed: MEMBERS_OF_A },
  "/api/v1/wallet/route": { kind: "route", method: "GET", path: "/api/v1/wallet", allowed: API_KEYS },
  "/api/v1/prices/route": { kind: "route", method: "GET", path: "/api/v1/prices", allowed: API_KEYS },
  "/api/v1/usage-events/route": { kind: "route", method: "GET", path: "/api/v1/usage-events", allowed: API_KEYS },
  "/api/v1/authorize/route": { kind: "route", method: "POST", path: "/api/v1/authorize", allowed: API_KEYS },
  // An unknown API path is a JSON 404 for every caller, key or not: there is nothing to reach.
  "/api/v1/[[...path]]/route": { kind: "route", method: "GET", path: "/api/v1/no-such-route", allowed: [] },
  // Stripe's webhook is authorized by its signature alone: no caller's cookie or key opens it.
  "/api/webhooks/stripe/route": { kind: "route", method: "POST", path: "/api/webhooks/stripe", allowed: [] },
  "/api/auth/[...nextauth]/route": { kind: "route", method: "GET", path: "/api/auth/providers", allowed: EVERYONE },
  "/icon.svg/route": { kind: "route", method: "GET", path: "/icon.svg", allowed: EVERYONE },
  "/manifest.webmanifest/route": { kind: "route", method: "GET", path: "/manifest.webmanifest", allowed: EVERYONE },

  // Server actions
  "lib/actions/sign-up.ts#signUp": { kind: "action", page: "/signup", workspace: false, args: [INVALID], allowed: EVERYONE },
  "lib/actions/set-locale.ts#setLocale": { kind: "action", page: "/login", workspace: false, args: [{ locale: "xx" }], allowed: EVERYONE },
  "lib/actions/update-billing-settings.ts#updateBillingSettings": { kind: "action", page: `/${W}/settings/billing`, workspace: true, args: [INVALID], allowed: SETTINGS_OF_A },
  "lib/actions/start-card-setup.ts#startCardSetup": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [], allowed: MONEY_OF_A },
  "lib/actions/complete-card-setup.ts#completeCardSetup": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/confirm-test-card.ts#confirmTestCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/remove-card.ts#removeCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/set-default-card.ts#setDefaultCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/start-top-up.ts#startTopUp": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/refresh-payment.ts#refreshPayment": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/save-auto-recharge.ts#saveAutoRecharge": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: MONEY_OF_A },
  "lib/actions/set-whatsapp-calling.ts#setWhatsappCalling": { kind: "action", page: `/${W}/settings/channels`, workspace: true, args: [{ enabled: "yes" }], allowed: SETTINGS_OF_A },
  "lib/actions/create-api-key.ts#createApiKey": { kind: "action", page: `/${W}/settings/developers`, workspace: true, args: [{ name: "" }], allowed: ACCESS_OF_A },
  "lib/actions/members.ts#inviteMember": { kind: "action", page: `/${W}/settings/members`, workspace: true, args: [INVALID], allowed: ACCESS_OF_A },
  "lib/actions/members.ts#revokeInvitation": { kind: "action", page: `/${W}/settings/members`, workspace: true, args: [INVALID], allowed: OWNER_OF_A },
  "lib/actions/members.ts#changeMemberRole": { kind: "action", page: `/${W}/settings/members`, workspace: true, args: [INVALID], allowed: OWNER_OF_A },
  "lib/actions/members.ts#removeMember": { kind: "action", page: `/${W}/settings/members`, workspace: true, args: [INVALID], allowed: OWNER_OF_A },
  "lib/actions/members.ts#acceptInvitation": { kind: "action", page: "/invite/not-a-real-token", workspace: false, args: [INVALID], allowed: SIGNED_IN },
  "lib/actions/sign-up-invited.ts#signUpInvited": { kind: "action", page: "/invite/not-a-real-token", workspace: false, args: [INVALID], allowed: EVERYONE },
  "lib/actions/whatsapp-api.ts#saveWhatsappApi": { kind: "action", page: `/${W}/settings/channels`, workspace: true, args: [INVALID], allowed: SETTINGS_OF_A },
  "lib/actions/whatsapp-api.ts#removeWhatsappApi": { kind: "action", page: `/${W}/settings/channels`, workspace: true, args: [INVALID], allowed: SETTINGS_OF_A },
  "lib/actions/set-onboarding-dismissed.ts#setOnboardingDismissed": { kind: "action", page: `/${W}`, workspace: true, args: [{ dismissed: "yes" }], allowed: SETTINGS_OF_A },
  "lib/actions/start-impersonation.ts#startImpersonation": { kind: "action", page: `/support/workspaces/${W_ID}`, workspace: false, args: [INVALID], allowed: STAFF },
  "lib/actions/grant-goodwill.ts#grantGoodwill": { kind: "action", page: `/support/workspaces/${W_ID}`, workspace: false, args: [INVALID], allowed: STAFF },
  "lib/actions/revoke-api-key.ts#revokeApiKey": { kind: "action", page: `/${W}/settings/developers`, workspace: true, args: [INVALID], allowed: OWNER_OF_A },
  // Last: it takes no input, so an allowed caller really stops their visit (supportViewing's rows come first).
  "lib/actions/stop-impersonation.ts#stopImpersonation": { kind: "action", page: "/support", workspace: false, args: [INVALID], allowed: STAFF },
};
