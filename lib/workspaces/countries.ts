// ISO 3166-1 alpha-2 codes; names come from Intl.DisplayNames in the viewer's language.
export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

export type Currency = "USD" | "INR";

/** The plan currency, fixed at creation: India pays in rupees, everyone else in dollars. */
export function currencyForCountry(country: string): Currency {
  return country.toUpperCase() === "IN" ? "INR" : "USD";
}

export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}

// ───────────────────────── time zones ─────────────────────────

/**
 * The main zone of countries that span several (the capital's or the most populous one), and
 * the current IANA name where the runtime's ICU still answers an old one (Asia/Calcutta).
 * Every other country has one zone, which Intl knows.
 */
const MAIN_TIME_ZONE: Record<string, string> = {
  AQ: "UTC",
  AR: "America/Argentina/Buenos_Aires",
  AU: "Australia/Sydney",
  BR: "America/Sao_Paulo",
  CA: "America/Toronto",
  CD: "Africa/Kinshasa",
  CL: "America/Santiago",
  CN: "Asia/Shanghai",
  CY: "Asia/Nicosia",
  DE: "Europe/Berlin",
  EC: "America/Guayaquil",
  ER: "Africa/Asmara",
  ES: "Europe/Madrid",
  FM: "Pacific/Pohnpei",
  FO: "Atlantic/Faroe",
  GL: "America/Nuuk",
  ID: "Asia/Jakarta",
  IN: "Asia/Kolkata",
  KI: "Pacific/Tarawa",
  KZ: "Asia/Almaty",
  MH: "Pacific/Majuro",
  MM: "Asia/Yangon",
  MN: "Asia/Ulaanbaatar",
  MX: "America/Mexico_City",
  MY: "Asia/Kuala_Lumpur",
  NP: "Asia/Kathmandu",
  NZ: "Pacific/Auckland",
  PF: "Pacific/Tahiti",
  PG: "Pacific/Port_Moresby",
  PS: "Asia/Hebron",
  PT: "Europe/Lisbon",
  RU: "Europe/Moscow",
  UA: "Europe/Kyiv",
  UM: "Pacific/Wake",
  US: "America/New_York",
  UZ: "Asia/Tashkent",
  VN: "Asia/Ho_Chi_Minh",
};

/** The zones Intl lists for a country (empty for an unknown code or an uninhabited island). */
export function countryTimeZones(country: string): string[] {
  try {
    const region = new Intl.Locale(`und-${country.toUpperCase()}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    return region.getTimeZones?.() ?? region.timeZones ?? [];
  } catch {
    return [];
  }
}

/** The time zone a new workspace in `country` gets when nobody says otherwise (else UTC). */
export function defaultTimeZone(country: string): string {
  const code = country.toUpperCase();
  const zones = countryTimeZones(code);
  return MAIN_TIME_ZONE[code] ?? (zones.length === 1 ? zones[0] : "UTC");
}

/**
 * The zone for a workspace in `country` created from a browser in `browserZone`: the browser's
 * when it lies in that country (a business in Chicago gets America/Chicago, not New York), else
 * the country's main zone.
 */
export function timeZoneForCountry(country: string, browserZone?: string | null): string {
  const fallback = defaultTimeZone(country);
  if (!browserZone) return fallback;
  const canonical = (zone: string) => {
    try {
      return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      return null;
    }
  };
  const browser = canonical(browserZone);
  if (!browser) return fallback;
  const inCountry = [...countryTimeZones(country), fallback].some((zone) => canonical(zone) === browser);
  return inCountry ? browserZone : fallback;
}
