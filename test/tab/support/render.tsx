import type { JSX, ReactElement, ReactNode } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../../../tab/app/query-client';
import { createApiClient } from '../../../tab/shared/api-client';
import { ApiProvider } from '../../../tab/shared/api-context';
import { I18nProvider } from '../../../tab/shared/i18n/I18nProvider';
import { AppToaster } from '../../../tab/shared/toast';
import type { TabServer } from './rounds-server';

// Fluent's first render in jsdom on a shared 2-core machine can take over a second.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no layout: Fluent's MessageBar reflow watches sizes with a ResizeObserver it lacks.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class NoLayoutResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: NoLayoutResizeObserver });
}

/** The server-state cache App.tsx provides: one per render, so no test sees another's answers; no retries, so a failure shows at once. */
export function queryWrapper(): (props: { children: ReactNode }) => JSX.Element {
  const client = createQueryClient({ retry: false });
  return (props) => <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;
}

/** Renders a view the way App.tsx does: theme, language, the signed-in API client, the query cache and the toaster. */
export function renderWithApi(ui: ReactElement, server: Pick<TabServer, 'url' | 'token'>, locale = 'en-US'): RenderResult {
  const api = createApiClient({ baseUrl: server.url, getToken: () => Promise.resolve(server.token) });
  const QueryCache = queryWrapper();
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nProvider locale={locale}>
        <ApiProvider api={api}>
          <AppToaster />
          <QueryCache>{ui}</QueryCache>
        </ApiProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

/** The requests the tab sent, without the noise of reads. */
export function writesOf(server: Pick<TabServer, 'requests'>): { method: string; path: string; body: unknown }[] {
  return server.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => ({ method: r.method, path: r.path, body: r.body }));
}
