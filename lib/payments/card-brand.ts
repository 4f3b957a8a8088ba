// Card networks and expiry, as screens, e-mails and ledger lines name them. Pure.

const NAMES: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  american_express: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  diners_club: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  union_pay: "UnionPay",
  cartes_bancaires: "Cartes Bancaires",
  eftpos_au: "eftpos",
  interac: "Interac",
  link: "Link",
};

/** A card network's own spelling ("American Express") for Stripe's brand code, when it is known. Never translated. */
export function knownBrandName(brand: string): string | undefined {
  return Object.hasOwn(NAMES, brand) ? NAMES[brand] : undefined;
}

/** For screens: the network's spelling, else the code capitalised ("Card" when there is none). */
export function brandName(brand: string): string {
  return knownBrandName(brand) ?? (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : "Card");
}

/** "MM/YY", as printed on the card. */
export function expiry(month: number, year: number): string {
  return `${String(month).padStart(2, "0")}/${String(year % 100).padStart(2, "0")}`;
}

/** A card stops working after the last day of its expiry month. */
export function isExpired(month: number, year: number, now = new Date()): boolean {
  const currentYear = now.getUTCFullYear();
  const currentMonth = now.getUTCMonth() + 1;
  return year < currentYear || (year === currentYear && month < currentMonth);
}

/** Stripe's `card.funding`, as a message key. */
export function fundingKey(funding: string): "credit" | "debit" | "prepaid" | "unknown" {
  return funding === "credit" || funding === "debit" || funding === "prepaid" ? funding : "unknown";
}
