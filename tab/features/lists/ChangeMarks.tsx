// What changed since you last looked: a mark on each changed cell, a line under the patient's name ("3 changes
// since 07:42 · Mark as seen"), and a bar for the whole list. Marks are text and a border, never colour alone, and
// stay until the clinician marks the row or the list seen (or opens the patient).
import type { JSX, ReactNode } from 'react';
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import type { Row } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { nameOf } from '../../shared/row-view';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  changed: {
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorBrandStroke1,
    paddingInlineStart: tokens.spacingHorizontalXS,
    '@media (forced-colors: active)': { borderInlineStartColor: 'Highlight' },
  },
  dot: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, '@media (forced-colors: active)': { color: 'Highlight' } },
  line: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** "07:42" today, "1 Dec 07:42" before. */
export function clockTime(at: string, locale: string, now: Date = new Date()): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return '';
  const isToday = when.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(isToday ? {} : { day: 'numeric', month: 'short' }),
  }).format(when);
}

/** A cell whose values changed since the user last marked the row seen: a border and, for screen readers, words. */
export function ChangedCell(props: { isChanged: boolean; children: ReactNode }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { t } = useI18n();
  if (!props.isChanged) return <>{props.children}</>;
  return (
    <div className={styles.changed} data-changed="true">
      <span className={shared.visuallyHidden}>{t('changes.cell')} </span>
      {props.children}
    </div>
  );
}

/** "● 3 changes since 07:42 · Mark as seen", under the name of a row with changes. */
export function RowChangeLine(props: { row: Row; onMarkSeen: (entryId: string) => void }): JSX.Element | null {
  const styles = useStyles();
  const i18n = useI18n();
  const { row } = props;
  if (row.changes.length === 0) return null;
  const since = row.seenAt ? i18n.t('changes.since', { time: clockTime(row.seenAt, i18n.locale) }) : '';
  return (
    <span className={styles.line}>
      <Caption1>
        <span className={styles.dot} aria-hidden="true">
          ●{' '}
        </span>
        {i18n.t('changes.count', { count: row.changes.length })} {since}
      </Caption1>
      <Button
        size="small"
        appearance="subtle"
        icon={<CheckmarkRegular />}
        aria-label={i18n.t('changes.markRowLabel', { name: nameOf(row) })}
        onClick={() => props.onMarkSeen(row.entryId)}
      >
        {i18n.t('changes.markSeen')}
      </Button>
    </span>
  );
}

/** Above the list: how many patients changed since the user last looked, and one button to mark them all seen. */
export function ChangesBar(props: { rows: Row[]; onMarkAll: () => void; className?: string }): JSX.Element | null {
  const { t } = useI18n();
  const changed = props.rows.filter((row) => row.changes.length > 0).length;
  if (changed === 0) return null;
  return (
    <MessageBar intent="info" className={mergeClasses(props.className)}>
      <MessageBarBody>{t('changes.bar', { count: changed })}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={props.onMarkAll}>
          {t('changes.markAll')}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
