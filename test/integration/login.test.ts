// Sign-in throttling (lib/auth/login.ts) against the real database: per address and per
// client address, doubling delays instead of a lock, the same for unknown addresses, and
// race-safe under parallel guesses.
import { beforeEach, describe, expect, it } from "vitest";
import { checkCredentials, FORGET_AFTER_MINUTES, THROTTLE, throttleDelaySeconds } from "@/lib/auth/login";
import { db } from "@/lib/db";
import { createUser, FACTORY_PASSWORD } from "@/prisma/factories";

const WRONG = "not-the-password";
const ATTACKER = "203.0.113.66";
const OWNER_IP = "198.51.100.7";

async function attempt(email: string, password = WRONG, client: string | null = null) {
  const result = await checkCredentials(email, password, client);
  return result.ok ? "ok" : result.reason === "throttled" ? `wait ${result.retryAfterSeconds}s` : result.reason;
}

async function attempts(email: string, times: number, client: string | null = null) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await attempt(email, WRONG, client));
  return results;
}

/** As if every pending delay for `key` had passed. */
async function letDelayPass(key: string) {
  await db.$executeRaw`UPDATE "LoginThrottle" SET "blockedUntil" = now() - interval '1 millisecond' WHERE key = ${key} AND "blockedUntil" IS NOT NULL`;
}

/** The delay the last attempt set for a key, in seconds (0 when none). */
async function delaySet(scope: "email" | "ip", key: string) {
  const row = await db.loginThrottle.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
  return row.blockedUntil ? Math.round((row.blockedUntil.getTime() - row.lastAttemptAt.getTime()) / 1000) : 0;
}

const INVALID = "invalid_credentials";

beforeEach(async () => {
  await db.$executeRaw`DELETE FROM "LoginThrottle"`;
});

describe("checkCredentials", () => {
  it("accepts the right password, whatever the e-mail's case and spaces", async () => {
    const user = await createUser({ email: "ana@login.example", name: "Ana" });
    const result = await checkCredentials("  ANA@Login.example ", FACTORY_PASSWORD, OWNER_IP);
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, email: "ana@login.example", name: "Ana", platformRole: null, locale: null },
    });
  });

  it("refuses a wrong password and an unknown e-mail with the same answer", async () => {
    await createUser({ email: "ben@login.example" });
    expect(await checkCredentials("ben@login.example", WRONG)).toEqual({ ok: false, reason: INVALID });
    expect(await checkCredentials("nobody@login.example", FACTORY_PASSWORD)).toEqual({ ok: false, reason: INVALID });
  });

  it("answers an address PostgreSQL cannot store like a wrong password, storing nothing", async () => {
    for (const email of ["a\u0000b@login.example", "a\ud800@login.example", `${"x".repeat(300)}@login.example`]) {
      expect(await attempt(email, FACTORY_PASSWORD, OWNER_IP)).toBe(INVALID);
    }
    expect(await db.loginThrottle.count()).toBe(0);
  });
});

describe("per address", () => {
  it("five wrong guesses do not lock the owner out: the right password waits one second, then works", async () => {
    await createUser({ email: "cid@login.example" });
    expect(await attempts("cid@login.example", 5, ATTACKER)).toEqual(Array(5).fill(INVALID));
    // The owner, from elsewhere: a one-second wait, not 15 minutes.
    expect(await attempt("cid@login.example", FACTORY_PASSWORD, OWNER_IP)).toBe("wait 1s");
    await letDelayPass("cid@login.example");
    expect(await attempt("cid@login.example", FACTORY_PASSWORD, OWNER_IP)).toBe("ok");
    // …which forgets the address's count.
    expect(await db.loginThrottle.findUnique({ where: { scope_key: { scope: "email", key: "cid@login.example" } } })).toBeNull();
  });

  it("doubles the delay with every further attempt, up to two minutes", async () => {
    const delays = [];
    for (let i = 0; i < 14; i++) {
      await letDelayPass("dan@login.example");
      expect(await attempt("dan@login.example")).toBe(INVALID);
      delays.push(await delaySet("email", "dan@login.example"));
    }
    expect(delays).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 120, 120, 120]);
    expect(throttleDelaySeconds("email", 1000)).toBe(THROTTLE.email.maxDelaySeconds);
  });

  it("during a delay refuses without checking or counting, so waiting it out is all it takes", async () => {
    await attempts("eve@login.example", 5);
    expect(await attempts("eve@login.example", 3)).toEqual(["wait 1s", "wait 1s", "wait 1s"]);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { scope_key: { scope: "email", key: "eve@login.example" } } });
    expect(row.failures).toBe(5);
  });

  it("throttles an unknown address exactly like a known one", async () => {
    await createUser({ email: "fay@login.example" });
    const known = [];
    const unknown = [];
    for (let i = 0; i < 8; i++) {
      known.push(await attempt("fay@login.example"), await attempt("fay@login.example"));
      unknown.push(await attempt("ghost@login.example"), await attempt("ghost@login.example"));
      await letDelayPass("fay@login.example");
      await letDelayPass("ghost@login.example");
    }
    expect(unknown).toEqual(known);
    expect(known).toContain("wait 4s");
  });

  it("starts afresh after an hour without attempts", async () => {
    await attempts("gus@login.example", 6);
    await db.$executeRaw`UPDATE "LoginThrottle" SET "blockedUntil" = NULL, "lastAttemptAt" = now() - make_interval(mins => ${FORGET_AFTER_MINUTES + 1}) WHERE key = 'gus@login.example'`;
    expect(await attempt("gus@login.example")).toBe(INVALID);
    expect(await delaySet("email", "gus@login.example")).toBe(0);
  });
});

describe("per client address", () => {
  it("spraying one password over 30 addresses from one client meets the limit after 20", async () => {
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await attempt(`spray-${i}@login.example`, "Summer2026!", ATTACKER));
    expect(results.slice(0, THROTTLE.ip.freeAttempts + 1)).toEqual(Array(21).fill(INVALID));
    expect(results.slice(21)).toEqual(Array(9).fill("wait 1s"));
    // The addresses themselves are not held up, nor is anyone else.
    expect(await attempt("spray-0@login.example", "Summer2026!", OWNER_IP)).toBe(INVALID);
  });

  it("doubles its delay too, up to 15 minutes, and a success gives its attempt back", async () => {
    const user = await createUser({ email: "hal@login.example" });
    for (let i = 0; i < 21; i++) await attempt(`ip-${i}@login.example`, WRONG, ATTACKER);
    expect(await delaySet("ip", ATTACKER)).toBe(1);
    await letDelayPass(ATTACKER);
    await attempt("ip-x@login.example", WRONG, ATTACKER);
    expect(await delaySet("ip", ATTACKER)).toBe(2);
    expect(throttleDelaySeconds("ip", 1000)).toBe(15 * 60);

    // An office behind one address signing in all morning is not slowed down: each success
    // gives its attempt back.
    await db.$executeRaw`DELETE FROM "LoginThrottle"`;
    await db.$executeRaw`INSERT INTO "LoginThrottle" (scope, key, failures) VALUES ('ip', ${OWNER_IP}, ${THROTTLE.ip.freeAttempts})`;
    for (let i = 0; i < 3; i++) expect(await attempt(user.email, FACTORY_PASSWORD, OWNER_IP)).toBe("ok");
    const office = await db.loginThrottle.findUniqueOrThrow({ where: { scope_key: { scope: "ip", key: OWNER_IP } } });
    expect(office).toMatchObject({ failures: THROTTLE.ip.freeAttempts, blockedUntil: null });
  });
});

describe("races", () => {
  it("counts 30 parallel guesses at one address one by one: only the free ones and one more are checked", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt("race@login.example")));
    expect(results.filter((result) => result === INVALID)).toHaveLength(THROTTLE.email.freeAttempts + 1);
    expect(results.filter((result) => result === "wait 1s")).toHaveLength(30 - THROTTLE.email.freeAttempts - 1);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { scope_key: { scope: "email", key: "race@login.example" } } });
    expect(row.failures).toBe(THROTTLE.email.freeAttempts + 1);
  });

  it("counts 40 parallel guesses from one client at as many addresses one by one", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`burst-${i}@login.example`, WRONG, ATTACKER)));
    expect(results.filter((result) => result === INVALID)).toHaveLength(THROTTLE.ip.freeAttempts + 1);
  });
});

describe("timing", () => {
  it("a wrong password for a known address takes as long as any password for an unknown one", async () => {
    await createUser({ email: "ida@login.example" });
    const time = async (email: string) => {
      await db.$executeRaw`DELETE FROM "LoginThrottle"`;
      const started = performance.now();
      expect(await attempt(email, WRONG, OWNER_IP)).toBe(INVALID);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      known.push(await time("ida@login.example"));
      unknown.push(await time(`nobody-${i}@login.example`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.67);
    expect(ratio).toBeLessThan(1.5);
  });
});
