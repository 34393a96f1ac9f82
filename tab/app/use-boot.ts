import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientConfig } from '../../server/wire/contract';
import { createApiClient } from '../shared/api-client';
import { queryKeys } from '../shared/query-keys';
import { connectToTeams, type TeamsHost } from './teams';

export type BootState =
  | { status: 'loading' }
  | { status: 'ready'; teams?: TeamsHost; config: ClientConfig }
  | { status: 'failed'; error: unknown };

type Booted = Extract<BootState, { status: 'ready' }>;

async function boot(): Promise<Booted> {
  const [teams, config] = await Promise.all([connectToTeams(), createApiClient({}).get<ClientConfig>('/api/client-config')]);
  return { status: 'ready', teams, config };
}

const LOADING: BootState = { status: 'loading' };

/** Connects to Teams (or finds we are outside it) and reads the server's public configuration, once per page. */
export function useBoot(): { state: BootState; retry: () => void } {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.boot,
    queryFn: boot,
    // Teams is connected to once; a failure waits for the Retry button (teams-js has its own timeout).
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    structuralSharing: false,
  });
  const retry = useCallback(() => void queryClient.resetQueries({ queryKey: queryKeys.boot }), [queryClient]);
  const { data, error, isError } = query;
  const state: BootState = data ?? (isError ? { status: 'failed', error } : LOADING);
  return { state, retry };
}
