// Spreadsheet programs run a cell that starts with = + - @ (or a tab/CR) as a formula (OWASP "CSV injection").
// The export puts a ' in front of such cells and the import takes it off again, so a round trip is exact.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}
