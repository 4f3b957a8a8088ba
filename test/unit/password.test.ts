import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("hashPassword / verifyPassword", () => {
  it("hashes into a self-describing scrypt string that verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("same password", second)).toBe(true);
  });

  it("refuses a wrong password, however close", async () => {
    const hash = await hashPassword("correct horse battery");
    for (const attempt of ["correct horse batter", "Correct horse battery", "correct horse battery ", ""]) {
      expect(await verifyPassword(attempt, hash)).toBe(false);
    }
  });

  it("treats Unicode compatibility forms as the same password (NFKC)", async () => {
    const hash = await hashPassword("ﬁle cabinet ①");
    expect(await verifyPassword("file cabinet 1", hash)).toBe(true);
  });

  it("answers false, without throwing, for a malformed stored hash", async () => {
    const good = await hashPassword("correct horse battery");
    const [, N, r, p, salt, key] = good.split("$");
    const malformed = [
      "",
      "not a hash",
      "$$$$$",
      `bcrypt$${N}$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}`,
      `scrypt$${N}$${r}$${p}$$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}$${key.slice(0, 20)}`,
      `scrypt$${N}$${r}$${p}$${salt}$`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword("correct horse battery", stored), stored).resolves.toBe(false);
    }
  });

  it("answers false for stored parameters that are zero or empty", async () => {
    const [, , , , salt, key] = (await hashPassword("correct horse battery")).split("$");
    for (const stored of [`scrypt$0$0$0$${salt}$${key}`, `scrypt$$$$${salt}$${key}`, `scrypt$1024$8$1$${salt}$${key}`]) {
      await expect(verifyPassword("correct horse battery", stored), stored).resolves.toBe(false);
    }
  });

  // A corrupt stored N must answer false, not throw (a throw would be a 500 on sign-in).
  it.each(["abc", "1000"])("answers false when the stored N is %j", async (N) => {
    const [, , r, p, salt, key] = (await hashPassword("correct horse battery")).split("$");
    await expect(verifyPassword("correct horse battery", `scrypt$${N}$${r}$${p}$${salt}$${key}`)).resolves.toBe(false);
  });
});
