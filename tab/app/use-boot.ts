import { useCallback, useEffect, useState } from 'react';
import type { ClientConfig } from '../../server/wire/contract';
import { createApiClient } from '../shared/api-client';
import { connectToTeams, type TeamsHost } from './teams';

export type BootState =
  | { status: 'loading' }
  | { status: 'ready'; teams?: TeamsHost; config: ClientConfig }
  | { status: 'failed'; error: unknown };

/** Connects to Teams (or finds we are outside it) and reads the server's public configuration. */
export function useBoot(): { state: BootState; retry: () => void } {
  const [state, setState] = useState<BootState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    Promise.all([connectToTeams(), createApiClient({}).get<ClientConfig>('/api/client-config')]).then(
      ([teams, config]) => isCurrent && setState({ status: 'ready', teams, config }),
      (error: unknown) => isCurrent && setState({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt]);
  return { state, retry };
}
