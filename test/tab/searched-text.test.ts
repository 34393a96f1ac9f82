import { describe, expect, test } from 'vitest';
import { searchedText } from '../../tab/features/add-patient/searched-text';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';

const en = createI18n('en-US');

describe('the "what was searched" line', () => {
  test('names the family and the start of the given name', () => {
    expect(searchedText([{ family: 'Abernathy', given: 'W' }], true, en)).toBe('Searched: family = Abernathy, given starts with W');
  });

  test('names the search that found the patients shown, the last one tried', () => {
    const tried = [{ family: 'Mei', given: 'Abernathy' }, { family: 'Abernathy', given: 'Mei' }];
    expect(searchedText(tried, true, en)).toBe('Searched: family = Abernathy, given starts with Mei');
  });

  test('when nobody matched, names every search tried', () => {
    expect(searchedText([{ mrn: 'cv2001714' }, { mrn: 'CV2001714' }], false, en)).toBe(
      'Searched: MRN = cv2001714; then MRN = CV2001714',
    );
  });

  test('says it in French too', () => {
    expect(searchedText([{ family: 'Abernathy', given: 'W' }], true, createI18n('fr-FR'))).toBe(
      'Recherché : nom de famille = Abernathy, prénom commençant par W',
    );
  });

  test('says nothing when the server did not say', () => {
    expect(searchedText(undefined, true, en)).toBe('');
  });
});
