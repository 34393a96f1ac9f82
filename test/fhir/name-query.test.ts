import { describe, expect, test } from 'vitest';
import { readNameQuery } from '../../server/fhir/name-query.js';

describe('reading the name box', () => {
  test('"Last, First" is family and given, never a comma sent on as an OR', () => {
    expect(readNameQuery('Abernathy, W')).toEqual([{ family: 'Abernathy', given: 'W' }]);
    expect(readNameQuery('Abernathy,Mei')).toEqual([{ family: 'Abernathy', given: 'Mei' }]);
  });

  test('extra spaces and commas are ignored', () => {
    expect(readNameQuery('  Abernathy ,   Mei  ')).toEqual([{ family: 'Abernathy', given: 'Mei' }]);
    expect(readNameQuery('Abernathy,, Mei')).toEqual([{ family: 'Abernathy', given: 'Mei' }]);
    expect(readNameQuery('  Mei    Abernathy ')).toEqual([
      { family: 'Abernathy', given: 'Mei' },
      { family: 'Mei', given: 'Abernathy' },
    ]);
  });

  test('a family name of several words stays whole before the comma', () => {
    expect(readNameQuery('van der  Berg, Anna Maria')).toEqual([{ family: 'van der Berg', given: 'Anna' }]);
  });

  test('a comma with one side empty searches the other side alone', () => {
    expect(readNameQuery('Abernathy,')).toEqual([{ family: 'Abernathy' }]);
    expect(readNameQuery(', Mei')).toEqual([{ name: 'Mei' }]);
    expect(readNameQuery(' , ')).toEqual([]);
  });

  test('accents are kept as typed (the EHR decides how it matches them)', () => {
    expect(readNameQuery('Müller-Ångström, Zoë')).toEqual([{ family: 'Müller-Ångström', given: 'Zoë' }]);
    expect(readNameQuery('Zoë Müller')).toEqual([
      { family: 'Müller', given: 'Zoë' },
      { family: 'Zoë', given: 'Müller' },
    ]);
  });

  test('a single word is a name search, as before', () => {
    expect(readNameQuery('Abernathy')).toEqual([{ name: 'Abernathy' }]);
    expect(readNameQuery('   ')).toEqual([]);
  });

  test('"First Last" and "Last First" are both tried, "First Last" first', () => {
    expect(readNameQuery('Abernathy W')).toEqual([
      { family: 'W', given: 'Abernathy' },
      { family: 'Abernathy', given: 'W' },
    ]);
  });

  test('three words: the first and last are read as given and family, either way round', () => {
    expect(readNameQuery('Mei Ling Abernathy')).toEqual([
      { family: 'Abernathy', given: 'Mei' },
      { family: 'Mei', given: 'Abernathy' },
    ]);
  });
});
