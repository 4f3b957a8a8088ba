// The build check of issue 13 (item 4): `npm test` builds the app with a sentinel value in every
// secret setting, then looks for those values in what the server hands to browsers — the client
// bundle (.next/static) and the pages prerendered at build time (.next/server/app/*.html, .rsc).
// A secret can only get there by mistake (a server module imported into a client component,
// `env` in next.config.ts, a NEXT_PUBLIC_ rename, a prerendered page printing one); this finds it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every secret lib/env.ts knows, with a value found nowhere else; each holds MARK, so a part of one (a URL's password) is caught too. */
const MARK = "SaldoBundleSentinel";
export const BUILD_SECRETS = {
  STRIPE_SECRET_KEY: `sk_test_${MARK}StripeSecretKey0123456789`,
  STRIPE_WEBHOOK_SECRET: `whsec_${MARK}WebhookSecret0123456789`,
  NEXTAUTH_SECRET: `${MARK}-NextAuthSecret-0123456789-0123456789`,
  DATABASE_URL: `postgresql://saldo:${MARK}DatabasePassword@database.invalid:5432/saldo`,
  SMTP_URL: `smtp://saldo:${MARK}SmtpPassword@smtp.invalid:587`,
} as const;

/** What the browser can fetch of a build in `distDir`: the static bundle and the prerendered pages. */
function clientFiles(distDir: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(file) : [file];
    });
  const prerendered = /\.(html|rsc|body|meta)$/;
  const inside = (dir: string) => {
    try {
      return walk(dir);
    } catch {
      return [];
    }
  };
  return [...inside(path.join(distDir, "static")), ...inside(path.join(distDir, "server/app")).filter((file) => prerendered.test(file))];
}

/** The files of the build that hold a secret, or the part of one unique to it (a URL's password), and which; throws if there is no client bundle to look at. */
export function secretsInClientBuild(distDir: string, secrets: Record<string, string> = BUILD_SECRETS): { file: string; secret: string }[] {
  const files = clientFiles(distDir);
  if (!files.some((file) => file.endsWith(".js"))) throw new Error(`No client JavaScript under ${path.join(distDir, "static")}: nothing to check`);
  const unique = Object.entries(secrets).map(([secret, value]) => [secret, value.slice(Math.max(0, value.indexOf(MARK))).split(/[@:/]/)[0]] as const);
  return files.flatMap((file) => {
    const text = readFileSync(file, "latin1");
    return unique.filter(([, part]) => text.includes(part)).map(([secret]) => ({ file: path.relative(distDir, file), secret }));
  });
}
