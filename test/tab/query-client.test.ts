import { describe, expect, test } from 'vitest';
import { shouldRetry } from '../../tab/app/query-client';
import { ApiResponseError, NETWORK_ERROR_STATUS } from '../../tab/shared/api-client';

describe("the query client's retry policy", () => {
  test('never asks again after a 4xx: refused, not found and conflict are the server’s considered answers', () => {
    for (const status of [400, 401, 403, 404, 409, 429]) {
      expect(shouldRetry(0, new ApiResponseError(status, 'no'))).toBe(false);
    }
  });

  test('asks again twice after a network failure, a 5xx or an error of the tab’s own', () => {
    for (const error of [new ApiResponseError(NETWORK_ERROR_STATUS, 'offline'), new ApiResponseError(502, 'EHR down'), new Error('x')]) {
      expect([0, 1, 2].map((failures) => shouldRetry(failures, error))).toEqual([true, true, false]);
    }
  });
});
