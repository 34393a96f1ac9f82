import { createContext, useContext, type JSX, type ReactNode } from 'react';
import type { ApiClient } from './api-client';

const ApiContext = createContext<ApiClient | undefined>(undefined);

export function ApiProvider(props: { api: ApiClient; children: ReactNode }): JSX.Element {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

/** The signed-in API client; only views rendered after sign-in use it. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
