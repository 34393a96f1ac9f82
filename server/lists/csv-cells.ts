// Spreadsheet programs run a cell as a formula when it starts with = + - @ (or their fullwidth forms ＝ ＋ － ＠),
// also after leading white space, or when it starts with a tab or a line break (OWASP "CSV injection"). The export
// puts a ' in front of such cells and the import takes it off again, so a round trip is exact.
const FORMULA_START = /^'*(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
/** Control characters other than tab and line breaks: the stores refuse them, so an export must not carry them. */
const isControl = (code: number): boolean => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;

const withoutControls = (value: string): string =>
  [...value].filter((c) => !isControl(c.codePointAt(0) ?? 0)).join('');

/** A cell as the export writes it: no control characters, and never read as a formula. */
export function escapeCell(value: string): string {
  const clean = withoutControls(value);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}
