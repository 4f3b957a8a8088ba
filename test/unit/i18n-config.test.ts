import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage } from "@/lib/i18n/config";

describe("localeFromAcceptLanguage", () => {
  it.each([
    [null, undefined],
    [undefined, undefined],
    ["", undefined],
    ["es", "es"],
    ["en-US", "en"],
    ["ES-mx", "es"],
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["fr-FR,fr;q=0.9,en;q=0.5,es;q=0.4", "en"],
    ["en;q=0.5, es", "es"],
    ["en;q=0.5,es;q=0.7", "es"],
    ["de, es;q=0.1", "es"],
    ["fr, de", undefined],
    ["*", undefined],
    ["es;q=0, en;q=0.1", "en"],
    ["en;q=0", undefined],
    [" es-419 ; q=0.8 , pt-BR", "es"],
  ] as const)("%j → %j", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it("keeps the header's order between equal weights", () => {
    expect(localeFromAcceptLanguage("en, es")).toBe("en");
    expect(localeFromAcceptLanguage("es, en")).toBe("es");
  });
});

describe("isLocale", () => {
  it("accepts exactly the supported locales", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("es")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isLocale("EN")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
