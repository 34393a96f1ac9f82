// @vitest-environment jsdom
// Messages a clinician can act on (#11 item 9): the manual form says a limit instead of echoing a value or the
// server's rule, the row icons say what they do, and the delete confirmation says who loses the list.
import type { ReactElement } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import type { ContextKind, List } from '../../server/wire/contract';
import { AddPatientsDialog } from '../../tab/features/add-patient/AddPatientsDialog';
import { DeleteListDialog } from '../../tab/features/lists/DeleteListDialog';
import { RowActions, type RowHandlers } from '../../tab/features/lists/RowActions';
import { I18nProvider } from '../../tab/shared/i18n/I18nProvider';
import { startTabServer, type TabServer } from './support/rounds-server';
import { renderWithApi, writesOf } from './support/render';

let fake: TabServer;
let list: List;
beforeAll(async () => {
  fake = await startTabServer();
});
beforeEach(async () => {
  await fake.reset();
  list = await fake.addList({ name: 'Ward 4' });
});
afterEach(() => cleanup());
afterAll(() => fake.close());

function renderPlain(ui: ReactElement, locale = 'en-US'): ReturnType<typeof userEvent.setup> {
  render(
    <FluentProvider theme={teamsLightTheme}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </FluentProvider>,
  );
  return userEvent.setup({ delay: null });
}

async function openManual(): Promise<ReturnType<typeof userEvent.setup>> {
  renderWithApi(<AddPatientsDialog list={list} patientIdsOnList={[]} onAdded={() => {}} onClose={() => {}} />, fake);
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('tab', { name: 'Not in the EHR' }));
  return user;
}

describe('the manual patient form', () => {
  test('a 241-character name gets "Name: at most 200 characters.", no echo, and no request', async () => {
    const user = await openManual();
    const longName = `Transfer ${'x'.repeat(232)}`;
    expect(longName).toHaveLength(241);
    const input = screen.getByRole('textbox', { name: /Name/ });
    await user.click(input);
    await user.paste(longName);

    expect(await screen.findByText('Name: at most 200 characters.')).toBeTruthy();
    const add = screen.getByRole('button', { name: 'Add patient' });
    expect(add.hasAttribute('disabled')).toBe(true);
    await user.type(input, '{Enter}');
    expect(writesOf(fake)).toEqual([]);
    expect(document.body.textContent).not.toContain('x'.repeat(20));
  });

  test('a long MRN and location say their own limits', async () => {
    const user = await openManual();
    await user.click(screen.getByRole('textbox', { name: 'MRN' }));
    await user.paste('M'.repeat(65));
    await user.click(screen.getByRole('textbox', { name: 'Location/bed' }));
    await user.paste('L'.repeat(201));
    expect(screen.getByText('MRN: at most 64 characters.')).toBeTruthy();
    expect(screen.getByText('Location/bed: at most 200 characters.')).toBeTruthy();
  });

  test('a name near the limit shows a live count', async () => {
    const user = await openManual();
    await user.click(screen.getByRole('textbox', { name: /Name/ }));
    await user.paste('a'.repeat(170));
    expect(screen.getByText('170 of 200 characters')).toBeTruthy();
  });

  test("a server refusal reads in clinician words, without the name or the server's text", async () => {
    const user = await openManual();
    fake.failNext('POST', /\/entries$/, 400, 'Invalid request body: manual.name: must not contain control characters');
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'Ada Test');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'This patient could not be added. Check the name, MRN, birth date and location, then try again.',
    );
    expect(document.body.textContent).not.toContain('Invalid request body');
    expect(alert.textContent).not.toContain('Ada Test');
  });
});

describe('row actions', () => {
  const handlers: RowHandlers = { onOpen: () => {}, onEditNote: () => {}, onRemove: () => {}, onMarkSeen: () => {} };

  test('each icon button is named for what it does to whom, and shows it as a tooltip', async () => {
    const user = renderPlain(<RowActions entryId="e1" name="Ada Lovelace" handlers={handlers} />);
    const edit = screen.getByRole('button', { name: 'Edit team note for Ada Lovelace' });
    expect(screen.getByRole('button', { name: 'Remove Ada Lovelace from the list' })).toBeTruthy();
    await user.hover(edit);
    expect((await screen.findByRole('tooltip')).textContent).toBe('Edit team note for Ada Lovelace');
  });

  test('in French too', () => {
    renderPlain(<RowActions entryId="e1" name="Ada Lovelace" handlers={handlers} />, 'fr-FR');
    expect(screen.getByRole('button', { name: 'Modifier la note d’équipe de Ada Lovelace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retirer Ada Lovelace de la liste' })).toBeTruthy();
  });
});

describe('the delete-list confirmation', () => {
  const words: [ContextKind, RegExp][] = [
    ['channel', /^Everyone in this channel loses this list/],
    ['chat', /^Everyone in this chat loses this list/],
    ['meeting', /^Everyone in this meeting loses this list/],
    ['personal', /^Only you use this list/],
  ];
  test.each(words)('in a %s, says who loses the list', (kind, expected) => {
    renderPlain(
      <DeleteListDialog name="Ward 4" contextKind={kind} onConfirm={() => Promise.resolve()} onClose={() => {}} />,
    );
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.querySelector('p')?.textContent).toMatch(expected);
    expect(screen.getByRole('button', { name: 'Delete list' })).toBeTruthy();
  });

  test('Delete list calls the confirmation', async () => {
    let confirmed = 0;
    const user = renderPlain(
      <DeleteListDialog
        name="Ward 4"
        contextKind="channel"
        onConfirm={() => {
          confirmed += 1;
          return Promise.resolve();
        }}
        onClose={() => {}}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Delete list' }));
    expect(confirmed).toBe(1);
  });
});
