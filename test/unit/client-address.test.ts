import { describe, expect, it } from "vitest";
import { appendSocketAddress, clientAddress, trustedProxyHops } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it("without trusted proxies is the address the server appended, whatever the client wrote", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("1.2.3.4, 203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(appendSocketAddress("6.6.6.6", "::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("with TRUST_PROXY=N is the N-th address from the right", () => {
    expect(clientAddress("203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2, 10.0.0.3", 2)).toBe("203.0.113.9");
  });

  it("is null when unknown or not an IP address", () => {
    expect(clientAddress(undefined, 0)).toBeNull();
    expect(clientAddress("", 0)).toBeNull();
    expect(clientAddress("10.0.0.2", 1)).toBeNull();
    expect(clientAddress("evil\u0000", 0)).toBeNull();
    expect(clientAddress("2001:DB8::1", 0)).toBe("2001:db8::1");
  });
});

describe("trustedProxyHops", () => {
  it("reads TRUST_PROXY, 0 by default, and refuses nonsense", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY: "2" })).toBe(2);
    expect(() => trustedProxyHops({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => trustedProxyHops({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });

  it("appendSocketAddress joins header and socket as a proxy does", () => {
    expect(appendSocketAddress(undefined, "127.0.0.1")).toBe("127.0.0.1");
    expect(appendSocketAddress(["1.1.1.1", "2.2.2.2"], "127.0.0.1")).toBe("1.1.1.1, 2.2.2.2, 127.0.0.1");
    expect(appendSocketAddress("1.1.1.1", undefined)).toBe("1.1.1.1");
  });
});
