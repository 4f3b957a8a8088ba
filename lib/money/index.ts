// Money is exact: bigint micro-units (10⁻⁶ of the currency unit) everywhere, decimal strings at
// the API boundary, Intl for people. No floating point touches an amount.
export {
  CURRENCIES,
  MAX_MICROS,
  MICROS_PER_UNIT,
  MIN_MICROS,
  fromMajorUnits,
  fromMinorUnits,
  isCurrency,
  toMinorUnits,
  type Currency,
  type Micros,
} from "./currency";
export { mulDivRoundHalfUp, multiplyByQuantity } from "./arithmetic";
export {
  AmountParseError,
  formatAmount,
  formatAmountShort,
  parseAmount,
  safeParseAmount,
  type AmountParseReason,
  type SafeParseAmountResult,
} from "./decimal";
export { formatMoney } from "./intl";
export { formatMoneyInput, parseMoneyInput, type MoneyInputError, type MoneyInputResult } from "./input";
