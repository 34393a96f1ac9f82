import { describe, expect, test } from 'vitest';
import { snapshotText, textProblem } from '../../server/lists/fields.js';

describe('snapshotText (EHR names and MRNs kept as an entry snapshot)', () => {
  test('turns control characters, NUL included, into spaces so PostgreSQL can store them', () => {
    const cleaned = snapshotText('Ada\u0000 Love\u0007lace', 200);
    expect(cleaned).toBe('Ada  Love lace');
    expect(textProblem(cleaned)).toBeUndefined();
  });

  test('replaces a lone surrogate instead of failing', () => {
    expect(snapshotText('Zo\uD800e', 200)).toBe('Zo\uFFFDe');
  });

  test('keeps accents and astral characters, and cuts to the limit without splitting one', () => {
    expect(snapshotText('Zoë Müller-Ångström', 200)).toBe('Zoë Müller-Ångström');
    expect(snapshotText('ab😀cd', 3)).toBe('ab😀');
  });
});
