// "Searched: family = Abernathy, given starts with W": what the server asked the EHR, in the user's words.
import type { SearchTerms } from '../../../server/wire/contract';
import type { I18n } from '../../shared/i18n/I18nProvider';
import { genderText } from '../../shared/row-view';

function termsText(terms: SearchTerms, i18n: I18n): string {
  const { t } = i18n;
  const parts: string[] = [];
  if (terms.family) parts.push(t('add.searchedFamily', { value: terms.family }));
  if (terms.given) parts.push(t('add.searchedGiven', { value: terms.given }));
  if (terms.name) parts.push(t('add.searchedName', { value: terms.name }));
  if (terms.mrn) parts.push(t('add.searchedMrn', { value: terms.mrn }));
  if (terms.birthdate) parts.push(t('add.searchedBirthDate', { value: i18n.date(terms.birthdate) }));
  if (terms.gender) parts.push(t('add.searchedGender', { value: genderText(terms.gender, i18n) }));
  return parts.join(', ');
}

/**
 * The search whose patients are shown (the last one tried), or, when none found anyone, every search tried.
 * Empty when the server did not say (an older server, or a further page).
 */
export function searchedText(searched: readonly SearchTerms[] | undefined, hasPatients: boolean, i18n: I18n): string {
  if (!searched || searched.length === 0) return '';
  const shown = hasPatients ? searched.slice(-1) : searched;
  return i18n.t('add.searched', { terms: shown.map((terms) => termsText(terms, i18n)).join(i18n.t('add.searchedThen')) });
}
