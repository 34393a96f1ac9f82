import { useEffect, useRef, type JSX } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ImportReport } from '../../../server/wire/contract';
import { useI18n } from '../../shared/i18n/I18nProvider';

const useStyles = makeStyles({
  region: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  names: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  part: { margin: `${tokens.spacingVerticalXS} 0 0` },
});

/**
 * What an import made: how many patients, and the rows a clinician should look at (kept as manual entries
 * because the EHR did not know them, merged because they named a patient twice). It takes the focus when
 * it appears, since the dialog that opened it is gone.
 */
export function ImportReportNotice(props: { report: ImportReport; onDismiss: () => void }): JSX.Element {
  const styles = useStyles();
  const { t } = useI18n();
  const regionRef = useRef<HTMLElement>(null);
  const { list, keptAsManual } = props.report;
  const merged = props.report.mergedDuplicates ?? [];
  const title = t('import.reportTitle', { name: list.name });

  useEffect(() => {
    // After the closing dialog has released its focus trap.
    const timer = setTimeout(() => regionRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  return (
    <section ref={regionRef} tabIndex={-1} aria-label={title} className={styles.region}>
      <MessageBar intent={keptAsManual.length > 0 ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {t('import.imported', { count: list.entries.length })}
          {keptAsManual.length > 0 && (
            <>
              <p className={styles.part}>{t('import.keptAsManual', { count: keptAsManual.length })}</p>
              <ul className={styles.names}>
                {keptAsManual.map((label, i) => (
                  <li key={i}>{label}</li>
                ))}
              </ul>
            </>
          )}
          {merged.length > 0 && (
            <>
              <p className={styles.part}>{t('import.merged', { count: merged.length })}</p>
              <ul className={styles.names}>
                {merged.map((label, i) => (
                  <li key={i}>{label}</li>
                ))}
              </ul>
            </>
          )}
        </MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button appearance="transparent" icon={<DismissRegular />} aria-label={t('import.dismiss')} onClick={props.onDismiss} />
          }
        />
      </MessageBar>
    </section>
  );
}
