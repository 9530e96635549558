/** CSV for Excel: UTF-8 with a BOM, CRLF rows, quoted where needed, formulas neutralised. */

/**
 * Also after leading white space (some importers trim it) and in full-width forms (Chinese input methods type
 * them).
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/**
 * OWASP "CSV injection"; a number is left alone: it cannot hold a formula, and `'-5` would no longer add up.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type CsvRow = readonly (string | number | boolean | null | undefined)[];

/** One row and its line end, for a file written in parts. */
export function csvLine(row: CsvRow): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

/** The start of a file: the BOM Excel needs to read UTF-8, then the header. */
export function csvHead(header: readonly string[]): string {
  return `\uFEFF${csvLine(header)}`;
}

export function toCsv(header: readonly string[], rows: Iterable<CsvRow>): string {
  let text = csvHead(header);
  for (const row of rows) text += csvLine(row);
  return text;
}
