import type { JSX } from 'react';
import {
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { PatientSummary } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { genderText } from '../../shared/row-view';
import { useIsNarrow } from '../../shared/use-narrow';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  scroller: { maxHeight: '40vh', overflowY: 'auto' },
  select: { width: '3rem' },
  pickable: { cursor: 'pointer' },
  onList: { color: tokens.colorNeutralForeground3 },
  cardList: { listStyleType: 'none', margin: 0, padding: 0 },
  cardItem: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

function detailsOf(patient: PatientSummary, i18n: ReturnType<typeof useI18n>): string[] {
  return [patient.mrn ?? '', i18n.date(patient.birthDate), i18n.age(patient.birthDate), genderText(patient.gender, i18n)];
}

function isInCheckbox(target: EventTarget): boolean {
  return target instanceof Element && target.closest('.fui-Checkbox') !== null;
}

/** Patients found, each with a checkbox; those already on the list are shown but cannot be picked. */
export function SearchResults(props: {
  patients: PatientSummary[];
  selected: Set<string>;
  onList: Set<string>;
  onToggle: (patientId: string, isSelected: boolean) => void;
}): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const isNarrow = useIsNarrow();
  const shared = useSharedStyles();

  const checkbox = (patient: PatientSummary, withLabel: boolean): JSX.Element => {
    const isOnList = props.onList.has(patient.id);
    return (
      <Checkbox
        checked={isOnList || props.selected.has(patient.id)}
        disabled={isOnList}
        aria-label={withLabel ? undefined : t('add.select', { name: patient.name })}
        label={
          withLabel
            ? `${patient.name} · ${detailsOf(patient, i18n).filter(Boolean).join(' · ')}${isOnList ? ` · ${t('add.onList')}` : ''}`
            : undefined
        }
        onChange={(_e, data) => props.onToggle(patient.id, data.checked === true)}
      />
    );
  };

  if (isNarrow) {
    return (
      <ul className={mergeClasses(styles.scroller, styles.cardList)} aria-label={t('add.results')}>
        {props.patients.map((patient) => (
          <li key={patient.id} className={styles.cardItem}>
            {checkbox(patient, true)}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className={styles.scroller}>
      <Table size="small" aria-label={t('add.results')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.select}>
              <span className={shared.visuallyHidden}>{t('add.selectColumn')}</span>
            </TableHeaderCell>
            <TableHeaderCell>{t('add.name')}</TableHeaderCell>
            <TableHeaderCell>{t('add.mrn')}</TableHeaderCell>
            <TableHeaderCell>{t('add.birthDate')}</TableHeaderCell>
            <TableHeaderCell>{t('detail.age')}</TableHeaderCell>
            <TableHeaderCell>{t('add.gender')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.patients.map((patient) => {
            const [mrn, birthDate, age, gender] = detailsOf(patient, i18n);
            const isOnList = props.onList.has(patient.id);
            return (
              <TableRow
                key={patient.id}
                className={isOnList ? undefined : styles.pickable}
                onClick={(event) => {
                  // A click anywhere on the row ticks it; the checkbox handles its own clicks (and Space).
                  if (isOnList || isInCheckbox(event.target)) return;
                  props.onToggle(patient.id, !props.selected.has(patient.id));
                }}
              >
                <TableCell className={styles.select}>{checkbox(patient, false)}</TableCell>
                <TableCell>
                  {patient.name}
                  {props.onList.has(patient.id) && <span className={styles.onList}> · {t('add.onList')}</span>}
                </TableCell>
                <TableCell>{mrn}</TableCell>
                <TableCell>{birthDate}</TableCell>
                <TableCell>{age}</TableCell>
                <TableCell>{gender}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
