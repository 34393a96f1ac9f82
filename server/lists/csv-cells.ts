// Spreadsheet programs run a cell as a formula when it starts with = + - @ (or their fullwidth forms ＝ ＋ － ＠),
// also after leading white space, or when it starts with a tab or a line break (OWASP "CSV injection"). The export
// puts a ' in front of such cells and the import takes it off again, so a round trip is exact.
const FORMULA_START = /^'*(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** Control characters other than tab and line breaks: the stores refuse them, so an export must not carry them. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A cell as the export writes it: no control characters, and never read as a formula. */
export function escapeCell(value: string): string {
  const clean = value.replace(CONTROL, '');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}
