import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, defaultTimeZone, timeZoneForCountry } from "@/lib/workspaces/countries";
import { isTimeZone, workspaceFields } from "@/lib/workspaces/schema";

describe("a new workspace's time zone, from its country", () => {
  it("the main zone of countries that span several, the only one of the rest", () => {
    expect(defaultTimeZone("ES")).toBe("Europe/Madrid");
    expect(defaultTimeZone("es")).toBe("Europe/Madrid");
    expect(defaultTimeZone("US")).toBe("America/New_York");
    expect(defaultTimeZone("MX")).toBe("America/Mexico_City");
    expect(defaultTimeZone("IN")).toBe("Asia/Kolkata");
    expect(defaultTimeZone("FR")).toBe("Europe/Paris");
    expect(defaultTimeZone("CO")).toBe("America/Bogota");
    expect(defaultTimeZone("XX")).toBe("UTC");
  });

  it("is a valid IANA zone for every country a workspace can have", () => {
    for (const country of COUNTRY_CODES) expect(isTimeZone(defaultTimeZone(country)), country).toBe(true);
  });

  it("sign-up keeps the browser's zone when it lies in the chosen country, else takes the country's", () => {
    expect(timeZoneForCountry("US", "America/Chicago")).toBe("America/Chicago");
    expect(timeZoneForCountry("ES", "Atlantic/Canary")).toBe("Atlantic/Canary");
    expect(timeZoneForCountry("IN", "Asia/Calcutta")).toBe("Asia/Calcutta");
    expect(timeZoneForCountry("ES", "UTC")).toBe("Europe/Madrid");
    expect(timeZoneForCountry("MX", "Europe/Madrid")).toBe("America/Mexico_City");
    expect(timeZoneForCountry("ES", "Mars/Olympus")).toBe("Europe/Madrid");
    expect(timeZoneForCountry("ES", null)).toBe("Europe/Madrid");
  });
});

describe("time zone validation", () => {
  it("takes IANA names and aliases, spelled as IANA does; refuses offsets and unknown names", () => {
    const parse = (zone: string) => workspaceFields.timeZone.safeParse(zone);
    expect(parse("Europe/Madrid")).toMatchObject({ success: true, data: "Europe/Madrid" });
    expect(parse(" europe/madrid ")).toMatchObject({ success: true, data: "Europe/Madrid" });
    expect(parse("Asia/Kolkata")).toMatchObject({ success: true, data: "Asia/Kolkata" });
    expect(parse("UTC")).toMatchObject({ success: true, data: "UTC" });
    for (const zone of ["+01:00", "-05:00", "Mars/Olympus", "", "Europe/Madrid\u0000", "a".repeat(65)]) expect(parse(zone).success, zone).toBe(false);
  });
});
