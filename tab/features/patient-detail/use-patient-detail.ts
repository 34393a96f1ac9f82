import { skipToken, useQuery } from '@tanstack/react-query';
import type { PatientDetail } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { queryKeys } from '../../shared/query-keys';
import { getPatientDetail } from '../../shared/rounds-api';

export type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; detail: PatientDetail }
  | { status: 'error'; error: unknown };

/** A patient's details from the EHR (cached: reopening shows them at once while they are read again). */
export function usePatientDetail(patientId: string | undefined, listId: string): DetailState & { retry: () => void } {
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.patient(patientId ?? '', listId),
    queryFn: patientId ? ({ signal }) => getPatientDetail(api, patientId, listId, signal) : skipToken,
  });
  const retry = (): void => void query.refetch();
  // Details already shown stay through a failed re-read.
  if (query.data) return { status: 'ready', detail: query.data, retry };
  if (query.isError) return { status: 'error', error: query.error, retry };
  return { status: 'loading', retry };
}
