import { useEffect, useState } from 'react';
import type { PatientDetail } from '../../../server/wire/contract';
import { useApi } from '../../shared/api-context';
import { getPatientDetail } from '../../shared/rounds-api';

export type DetailState =
  | { status: 'loading' }
  | { status: 'ready'; detail: PatientDetail }
  | { status: 'error'; error: unknown };

export function usePatientDetail(patientId: string | undefined, listId: string, reloadKey: number): DetailState {
  const api = useApi();
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  useEffect(() => {
    if (!patientId) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    getPatientDetail(api, patientId, listId, controller.signal).then(
      (detail) => setState({ status: 'ready', detail }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [api, patientId, listId, reloadKey]);
  return state;
}
