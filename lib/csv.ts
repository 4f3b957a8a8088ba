// One CSV cell, for every export Saldo writes. Two rules:
// - RFC 4180: a cell holding a comma, a double quote, CR or LF is quoted, quotes doubled.
// - OWASP "CSV injection": a spreadsheet runs a cell that starts with = + - @ tab or CR as a
//   formula (`-1+1+cmd|' /C calc'!A0`), so such a *text* cell gets a leading apostrophe, which
//   makes Excel, LibreOffice and Google Sheets read it as text. Numbers are left alone so they
//   stay numbers (a refund's "-1.500000" must still sum).
//
// Whether a cell is text or a number is the caller's statement, not a guess from its content:
// an event id such as "-1" is text and is prefixed, a charge "-1.500000" is a number and is not.

/** A number cell: a JS number or bigint, or a decimal string such as formatAmount's "-0.015000". */
export type CsvNumber = { number: number | bigint | string };

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The cell for a number; anything that is not a plain finite number is written as text. */
export function csvNumber(value: number | bigint | string): CsvNumber {
  return { number: value };
}

/** One cell. Strings are text; `csvNumber(…)` marks a number; null and undefined are empty. */
export function csvField(value: string | CsvNumber | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const text = String(value.number);
    if (PLAIN_DECIMAL.test(text)) return text;
    return csvField(text);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its CRLF). */
export function csvRow(cells: (string | CsvNumber | null | undefined)[]): string {
  return cells.map(csvField).join(",");
}
