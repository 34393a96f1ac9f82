import { isApiResponseError, NETWORK_ERROR_STATUS } from './api-client';
import type { I18n } from './i18n/I18nProvider';

/** One sentence for the user: the server's diagnostics, or what went wrong on our side. */
export function errorText(error: unknown, i18n: I18n): string {
  if (isApiResponseError(error)) {
    if (error.status === NETWORK_ERROR_STATUS) return i18n.t('error.network');
    if (error.status === 401) return i18n.t('error.unauthorized');
    return error.diagnostics;
  }
  return error instanceof Error ? error.message : String(error);
}
