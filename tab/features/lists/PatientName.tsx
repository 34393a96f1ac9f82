import type { JSX } from 'react';
import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import type { Row } from '../../../server/wire/contract';
import { DeceasedMark } from '../../shared/components/DeceasedMark';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { nameOf } from '../../shared/row-view';
import { TOUCH_TARGET } from '../../shared/styles';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  link: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    '@media (max-width: 40rem), (pointer: coarse)': {
      display: 'inline-flex',
      alignItems: 'center',
      minHeight: TOUCH_TARGET,
    },
  },
  warning: { color: tokens.colorStatusWarningForeground1 },
  manual: { color: tokens.colorNeutralForeground3 },
});

/** The patient's name as the button that opens the details, with a quiet mark when data is missing. */
export function PatientName(props: { row: Row; onOpen(entryId: string): void }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const { row } = props;
  const name = nameOf(row);
  return (
    <span className={styles.root}>
      <Link
        as="button"
        className={styles.link}
        aria-label={t('row.openDetails', { name })}
        data-entry-id={row.entryId}
        onClick={() => props.onOpen(row.entryId)}
      >
        {name}
      </Link>
      <DeceasedMark patient={row.patient} />
      {row.issues.length > 0 && (
        <WarningRegular className={styles.warning} role="img" aria-label={t('list.rowIssues')}>
          <title>{t('list.rowIssues')}</title>
        </WarningRegular>
      )}
      {row.manual && <Caption1 className={styles.manual}>{t('list.manual')}</Caption1>}
    </span>
  );
}
