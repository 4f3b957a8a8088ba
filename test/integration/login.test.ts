import { describe, expect, it } from "vitest";
import { checkCredentials, LOCKOUT_MINUTES, MAX_FAILURES } from "@/lib/auth/login";
import { db } from "@/lib/db";
import { createUser, FACTORY_PASSWORD } from "@/prisma/factories";

const WRONG = "not-the-password";

async function fail(email: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await checkCredentials(email, WRONG));
  return results.map((result) => (result.ok ? "ok" : result.reason));
}

describe("checkCredentials", () => {
  it("accepts the right password, whatever the e-mail's case and spaces", async () => {
    const user = await createUser({ email: "ana@login.example", name: "Ana" });
    const result = await checkCredentials("  ANA@Login.example ", FACTORY_PASSWORD);
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, email: "ana@login.example", name: "Ana", platformRole: null, locale: null },
    });
  });

  it("refuses a wrong password and an unknown e-mail with the same answer", async () => {
    await createUser({ email: "ben@login.example" });
    expect(await checkCredentials("ben@login.example", WRONG)).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await checkCredentials("nobody@login.example", FACTORY_PASSWORD)).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it(`locks an address after ${MAX_FAILURES} failures in a row; then even the right password is refused`, async () => {
    await createUser({ email: "cid@login.example" });
    expect(await fail("cid@login.example", MAX_FAILURES)).toEqual([
      ...Array(MAX_FAILURES - 1).fill("invalid_credentials"),
      "locked",
    ]);
    expect(await checkCredentials("cid@login.example", FACTORY_PASSWORD)).toEqual({ ok: false, reason: "locked" });
    const throttle = await db.loginThrottle.findUniqueOrThrow({ where: { email: "cid@login.example" } });
    const minutes = (throttle.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCKOUT_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCKOUT_MINUTES);
  });

  it("locks an unknown address the same way, so a lockout reveals nothing", async () => {
    expect(await fail("ghost@login.example", MAX_FAILURES)).toEqual([
      ...Array(MAX_FAILURES - 1).fill("invalid_credentials"),
      "locked",
    ]);
    expect(await checkCredentials("ghost@login.example", WRONG)).toEqual({ ok: false, reason: "locked" });
  });

  it("counts per address: failures on one do not lock another", async () => {
    await createUser({ email: "dan@login.example" });
    await fail("eve@login.example", MAX_FAILURES);
    expect((await checkCredentials("dan@login.example", FACTORY_PASSWORD)).ok).toBe(true);
  });

  it("resets the count after a successful sign-in", async () => {
    await createUser({ email: "fay@login.example" });
    expect(await fail("fay@login.example", MAX_FAILURES - 1)).not.toContain("locked");
    expect((await checkCredentials("fay@login.example", FACTORY_PASSWORD)).ok).toBe(true);
    expect(await db.loginThrottle.findUnique({ where: { email: "fay@login.example" } })).toBeNull();
    expect(await fail("fay@login.example", MAX_FAILURES - 1)).not.toContain("locked");
    expect((await checkCredentials("fay@login.example", FACTORY_PASSWORD)).ok).toBe(true);
  });

  it("lets the address in again once the lock has expired, and starts counting afresh", async () => {
    await createUser({ email: "gus@login.example" });
    await fail("gus@login.example", MAX_FAILURES);
    await db.loginThrottle.update({ where: { email: "gus@login.example" }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await fail("gus@login.example", 1)).toEqual(["invalid_credentials"]);
    expect((await checkCredentials("gus@login.example", FACTORY_PASSWORD)).ok).toBe(true);
  });

  it("counts concurrent failures one by one", async () => {
    await Promise.all(Array.from({ length: MAX_FAILURES }, () => checkCredentials("race@login.example", WRONG)));
    expect(await checkCredentials("race@login.example", WRONG)).toEqual({ ok: false, reason: "locked" });
  });

  it("cannot be bypassed by many parallel guesses", async () => {
    const { db } = await import("@/lib/db");
    await Promise.all(Array.from({ length: 12 }, () => checkCredentials("burst@login.example", WRONG)));
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { email: "burst@login.example" } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await checkCredentials("burst@login.example", WRONG)).toEqual({ ok: false, reason: "locked" });
  });
});
