import type { Entry } from '../../../server/wire/contract';
import { isApiResponseError } from '../../shared/api-client';

/** The newer entry a 409 carries (`current` in the body), so the user can merge without a reload. */
export function newerEntryOf(error: unknown): Entry | undefined {
  if (!isApiResponseError(error) || !error.isConflict) return undefined;
  const current = error.body.current as Partial<Entry> | undefined;
  if (!current || typeof current.version !== 'number' || typeof current.id !== 'string') return undefined;
  return current as Entry;
}

/** Their text added under mine, once: merging twice does not duplicate it. */
export function mergeTexts(mine: string, theirs: string): string {
  const a = mine.trimEnd();
  const b = theirs.trim();
  if (!b || a.includes(b)) return mine;
  if (!a) return b;
  return `${a}\n\n${b}`;
}
