// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { I18nProvider } from '../../tab/shared/i18n/I18nProvider';
import { UpdatedAgo } from '../../tab/features/lists/UpdatedAgo';

function renderAt(fetchedAt: string): ReturnType<typeof render> {
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nProvider locale="en-US">
        <UpdatedAgo fetchedAt={fetchedAt} />
      </I18nProvider>
    </FluentProvider>,
  );
}

afterEach(cleanup);

describe('UpdatedAgo', () => {
  test('keeps the ticking "updated N min ago" text out of any live region', () => {
    renderAt(new Date().toISOString());
    const ticking = screen.getByText(/^Updated/);
    expect(ticking.closest('[aria-live]')).toBeNull();
  });

  test('announces a refresh through a status region whose text changes only with the fetch time', () => {
    const first = '2026-11-26T08:00:00.000Z';
    const view = renderAt(first);
    const before = screen.getByRole('status').textContent;
    expect(before).toMatch(/^List updated at /);
    view.rerender(
      <FluentProvider theme={teamsLightTheme}>
        <I18nProvider locale="en-US">
          <UpdatedAgo fetchedAt="2026-11-26T09:30:00.000Z" />
        </I18nProvider>
      </FluentProvider>,
    );
    expect(screen.getByRole('status').textContent).not.toBe(before);
  });
});
