// The tab's one QueryClient (TanStack Query v5, tanstack.com/query/v5): server state is cached, de-duplicated,
// cancelled on unmount, retried and refetched when the tab comes back into view by the library, not by hand.
import { QueryClient } from '@tanstack/react-query';
import { isApiResponseError } from '../shared/api-client';

/** A network failure or a 5xx is asked again twice (after 1 s, then 2 s). */
const MAX_RETRIES = 2;

/** A 4xx is the server's considered answer (refused, not found, conflict): asking again would get the same. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiResponseError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** `retry: false` for tests, which want a failure on screen at once. */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: options.retry === false ? false : shouldRetry, refetchOnWindowFocus: true },
      // Writes are not idempotent (a second POST adds the patient twice): never repeated behind the user's back.
      mutations: { retry: false },
    },
  });
}
