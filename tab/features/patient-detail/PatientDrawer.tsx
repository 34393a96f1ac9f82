import type { JSX } from 'react';
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  OverlayDrawer,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { DeceasedMark } from '../../shared/components/DeceasedMark';
import { ErrorNotice } from '../../shared/components/ErrorNotice';
import { errorText } from '../../shared/error-text';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { genderText, nameOf } from '../../shared/row-view';
import type { PatientDetailProps } from '../../shared/slots';
import { useIsNarrow } from '../../shared/use-narrow';
import { CopyPatientLink } from './CopyPatientLink';
import { DetailSections } from './DetailSections';
import { NoteSection } from './NoteSection';
import { Fields, Section } from './Section';
import { usePatientDetail } from './use-patient-detail';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, paddingBottom: tokens.spacingVerticalXXL },
  issues: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The patient's details in an overlay drawer: live from the EHR, or what was typed for a manual entry. */
export function PatientDrawer(props: PatientDetailProps): JSX.Element {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const isNarrow = useIsNarrow();
  const { row } = props;
  const patientId = row.patient?.id;
  const state = usePatientDetail(patientId, props.listId);
  const name = nameOf(row);
  const issues = state.status === 'ready' ? state.detail.issues : [];

  return (
    <OverlayDrawer
      open
      position="end"
      size={isNarrow ? 'full' : 'medium'}
      aria-label={t('detail.title')}
      onOpenChange={(_e, data) => !data.open && props.onClose()}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ as: 'h2' }}
          action={
            <Button appearance="subtle" aria-label={t('detail.close')} icon={<DismissRegular />} onClick={props.onClose} />
          }
        >
          {name} <DeceasedMark patient={state.status === 'ready' ? state.detail.patient : row.patient} />
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {props.link && <CopyPatientLink link={props.link} />}
        {!patientId ? (
          <>
            <MessageBar intent="info">
              <MessageBarBody>{t('detail.manual')}</MessageBarBody>
            </MessageBar>
            <Section title={t('detail.demographics')}>
              <Fields
                items={[
                  [t('detail.mrn'), row.manual?.mrn],
                  [t('detail.birthDate'), i18n.date(row.manual?.birthDate)],
                  [t('detail.age'), i18n.age(row.manual?.birthDate)],
                  [t('detail.gender'), genderText(row.manual?.gender, i18n)],
                  [t('detail.location'), row.manual?.location],
                ]}
              />
            </Section>
          </>
        ) : state.status === 'loading' ? (
          <Spinner label={t('detail.loading')} />
        ) : state.status === 'error' ? (
          <ErrorNotice
            message={t('detail.failed', { reason: errorText(state.error, i18n) })}
            onRetry={state.retry}
          />
        ) : (
          <>
            {issues.length > 0 && (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('detail.issues')}</MessageBarTitle>
                  <ul className={styles.issues}>
                    {issues.map((issue) => (
                      <li key={issue}>{issue}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            )}
            <DetailSections detail={state.detail} />
          </>
        )}
        <NoteSection note={row.note} onEdit={props.onEditNote} />
      </DrawerBody>
    </OverlayDrawer>
  );
}
