import { isApiResponseError, NETWORK_ERROR_STATUS } from './api-client';
import type { I18n } from './i18n/I18nProvider';
import type { MessageKey } from './i18n/en';

/** One sentence for the user: the server's diagnostics, or what went wrong on our side. */
export function errorText(error: unknown, i18n: I18n): string {
  if (isApiResponseError(error)) {
    if (error.status === NETWORK_ERROR_STATUS) return i18n.t('error.network');
    if (error.status === 401) return i18n.t('error.unauthorized');
    return error.diagnostics;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * For a form's refused input: a 400's diagnostics are the server's field names and rules, sometimes with the value,
 * so the clinician reads `refusedKey`'s sentence instead; other failures read as errorText.
 */
export function inputErrorText(error: unknown, i18n: I18n, refusedKey: MessageKey): string {
  return isApiResponseError(error) && error.status === 400 ? i18n.t(refusedKey) : errorText(error, i18n);
}
