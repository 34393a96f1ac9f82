import type { JSX } from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { PatientSummary } from '../../../server/wire/contract';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  mark: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
});

/**
 * "† Deceased" beside a patient's name: in words, never colour alone. The dagger is decoration, so a screen
 * reader says "Deceased"; the date of death, when the EHR gave one, is the hover text.
 */
export function DeceasedMark(props: { patient?: PatientSummary }): JSX.Element | null {
  const styles = useStyles();
  const i18n = useI18n();
  const { patient } = props;
  if (patient?.deceased !== true) return null;
  const title = patient.deceasedDate ? i18n.t('row.deceasedOn', { date: i18n.date(patient.deceasedDate) }) : undefined;
  return (
    <Caption1 className={styles.mark} title={title}>
      <span aria-hidden="true">†</span> {i18n.t('row.deceased')}
    </Caption1>
  );
}
