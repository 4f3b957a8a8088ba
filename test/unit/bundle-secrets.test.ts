// The client-bundle secret check npm test runs after its build (scripts/lib/bundle-secrets.ts):
// it must find a secret wherever a browser could fetch it, and only there.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILD_SECRETS, secretsInClientBuild } from "@/scripts/lib/bundle-secrets";

describe("secretsInClientBuild", () => {
  let dist = "";
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), text);
  };
  const fresh = () => {
    dist = mkdtempSync(path.join(tmpdir(), "bundle-secrets-"));
    write("static/chunks/app.js", 'console.log("pk_test_public is fine")');
  };
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it("finds nothing in a clean build", () => {
    fresh();
    write("server/app/login.html", "<html>sign in</html>");
    expect(secretsInClientBuild(dist)).toEqual([]);
  });

  it("finds every secret, whole or the part unique to it, in the bundle and in prerendered pages", () => {
    fresh();
    write("static/chunks/leak.js", `const k = ${JSON.stringify(BUILD_SECRETS.STRIPE_SECRET_KEY)};`);
    write("static/css/leak.css", `/* ${BUILD_SECRETS.SMTP_URL} */`);
    // A database password without the rest of its URL.
    write("server/app/index.html", `<p>${new URL(BUILD_SECRETS.DATABASE_URL).password}</p>`);
    write("server/app/index.rsc", `${BUILD_SECRETS.NEXTAUTH_SECRET} ${BUILD_SECRETS.STRIPE_WEBHOOK_SECRET}`);
    expect(secretsInClientBuild(dist)).toEqual(
      expect.arrayContaining([
        { file: "static/chunks/leak.js", secret: "STRIPE_SECRET_KEY" },
        { file: "static/css/leak.css", secret: "SMTP_URL" },
        { file: "server/app/index.html", secret: "DATABASE_URL" },
        { file: "server/app/index.rsc", secret: "NEXTAUTH_SECRET" },
        { file: "server/app/index.rsc", secret: "STRIPE_WEBHOOK_SECRET" },
      ]),
    );
  });

  it("leaves server code alone (it reads the secrets at run time), and refuses an empty build", () => {
    fresh();
    write("server/app/page.js", BUILD_SECRETS.STRIPE_SECRET_KEY);
    expect(secretsInClientBuild(dist)).toEqual([]);
    rmSync(path.join(dist, "static"), { recursive: true });
    expect(() => secretsInClientBuild(dist)).toThrow(/nothing to check/);
  });
});
