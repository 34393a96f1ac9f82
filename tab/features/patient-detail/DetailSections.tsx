import type { JSX } from 'react';
import type { PatientDetail } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { daysBetween } from '../../shared/i18n/format';
import {
  encounterStatusText,
  genderText,
  sortedVitals,
  statusText,
  vitalLabel,
  vitalValue,
} from '../../shared/row-view';
import { labFlagText, labValue, sortedLabs } from '../../shared/lab-view';
import { stayLocationText } from '../../shared/absence-text';
import { Fields, Items, Section, useSectionStyles } from './Section';

const join = (parts: (string | undefined)[]): string => parts.filter(Boolean).join(' · ');

/** Everything the EHR gave about one patient, section by section. */
export function DetailSections(props: { detail: PatientDetail }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useSectionStyles();
  const { patient, encounter } = props.detail;
  const stay = encounter ? daysBetween(encounter.start, encounter.end) : undefined;
  const deceasedText = (date: string | undefined): string =>
    date ? t('detail.deceasedOn', { date: i18n.date(date) }) : t('detail.deceased');

  return (
    <>
      <Section title={t('detail.demographics')}>
        <Fields
          items={[
            [t('detail.mrn'), patient.mrn],
            [t('detail.birthDate'), i18n.date(patient.birthDate)],
            [t('detail.age'), patient.deceased ? undefined : i18n.age(patient.birthDate)],
            [t('detail.gender'), genderText(patient.gender, i18n)],
            [t('detail.gp'), patient.generalPractitioner],
            [t('detail.status'), patient.deceased ? deceasedText(patient.deceasedDate) : undefined],
          ]}
        />
      </Section>

      <Section title={t('detail.encounter')}>
        {encounter ? (
          <Fields
            items={[
              [t('detail.location'), stayLocationText(encounter, i18n)],
              [t('detail.status'), encounterStatusText(encounter.status, i18n)],
              [t('detail.type'), encounter.type],
              [t('detail.admitted'), i18n.date(encounter.start)],
              [t('detail.discharged'), i18n.date(encounter.end)],
              [t('detail.lengthOfStay'), stay === undefined ? undefined : i18n.days(stay)],
              [t('detail.careTeam'), encounter.participants.join(', ')],
            ]}
          />
        ) : (
          <p className={styles.quiet}>
            {t('row.notAdmitted')}. {t('detail.noEncounter')}
          </p>
        )}
      </Section>

      <Section title={t('detail.conditions')}>
        <Items empty={t('detail.noneRecorded')}>
          {props.detail.conditions.map((c, i) => (
            <li key={i}>
              {c.text}{' '}
              <span className={styles.secondary}>
                {join([
                  statusText(c.clinicalStatus, i18n),
                  c.severity,
                  c.onset ? t('detail.onset', { date: i18n.shortDate(c.onset) }) : undefined,
                  c.recorded ? t('detail.recorded', { date: i18n.shortDate(c.recorded) }) : undefined,
                ])}
              </span>
            </li>
          ))}
        </Items>
      </Section>

      <Section title={t('detail.vitals')}>
        <Items empty={t('detail.noneRecorded')}>
          {sortedVitals(props.detail.vitals, i18n).map((v, i) => (
            <li key={v.code ?? i}>
              {vitalLabel(v, i18n)} <strong>{vitalValue(v, i18n)}</strong>{' '}
              {v.effective && (
                <span className={styles.secondary}>{t('detail.takenAt', { date: i18n.date(v.effective) })}</span>
              )}
            </li>
          ))}
        </Items>
      </Section>

      <Section title={t('detail.labs')}>
        <Items empty={t('detail.noneRecorded')}>
          {sortedLabs(props.detail.labs).map((lab, i) => (
            <li key={lab.code ?? i}>
              {lab.name} <strong>{labValue(lab, i18n, true)}</strong> {labFlagText(lab, i18n)}{' '}
              <span className={styles.secondary}>
                {join([
                  lab.referenceRange ? t('detail.range', { range: lab.referenceRange }) : undefined,
                  lab.effective ? t('detail.takenAt', { date: i18n.date(lab.effective) }) : undefined,
                ])}
              </span>
            </li>
          ))}
        </Items>
      </Section>

      <Section title={t('detail.allergies')}>
        <Items empty={t('detail.noneRecorded')}>
          {props.detail.allergies.map((a, i) => (
            <li key={i}>
              <strong>{a.isNoKnownAllergy ? t('row.noKnownAllergies') : a.substance}</strong>{' '}
              <span className={styles.secondary}>
                {join([
                  statusText(a.clinicalStatus, i18n),
                  statusText(a.verificationStatus, i18n),
                  a.reactions.length > 0 ? t('detail.reactions', { list: a.reactions.join(', ') }) : undefined,
                  a.recorded ? t('detail.recorded', { date: i18n.shortDate(a.recorded) }) : undefined,
                  a.note,
                ])}
              </span>
            </li>
          ))}
        </Items>
      </Section>

      <Section title={t('detail.medications')}>
        <Items empty={t('detail.noneRecorded')}>
          {props.detail.medications.map((m, i) => (
            <li key={i}>
              {m.name}{' '}
              <span className={styles.secondary}>
                {join([
                  m.dosage,
                  statusText(m.status, i18n),
                  m.prescriber ? t('detail.prescriber', { name: m.prescriber }) : undefined,
                  i18n.shortDate(m.authored),
                ])}
              </span>
            </li>
          ))}
        </Items>
      </Section>

      <Section title={t('detail.coverage')}>
        <Items empty={t('detail.noneRecorded')}>
          {props.detail.coverage.map((c, i) => (
            <li key={i}>
              {join([c.payor, c.plan])}{' '}
              <span className={styles.secondary}>
                {join([
                  c.group ? t('detail.group', { group: c.group }) : undefined,
                  c.subscriberId ? t('detail.subscriber', { id: c.subscriberId }) : undefined,
                  c.period?.start && c.period.end
                    ? t('detail.period', { start: i18n.shortDate(c.period.start), end: i18n.shortDate(c.period.end) })
                    : c.period?.start
                      ? t('detail.since', { start: i18n.shortDate(c.period.start) })
                      : undefined,
                ])}
              </span>
            </li>
          ))}
        </Items>
      </Section>
    </>
  );
}
