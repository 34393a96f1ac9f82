import { Fragment, type JSX } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { TimedText } from '../../shared/row-view';
import { useSharedStyles } from '../../shared/styles';
import { groupByAge } from '../../shared/value-age';

const useStyles = makeStyles({
  root: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  // A value stays on one line; the cell wraps between values.
  value: { whiteSpace: 'nowrap' },
  // Out of range: coloured as well as said in words with an arrow (never colour alone). The Foreground3 tokens keep
  // 4.5:1 on the grid in light and dark (Foreground1's danger red is 4.2:1 on dark). Forced colours keep the words.
  abnormal: { color: tokens.colorStatusWarningForeground3, '@media (forced-colors: active)': { color: 'CanvasText' } },
  critical: {
    color: tokens.colorStatusDangerForeground3,
    fontWeight: tokens.fontWeightSemibold,
    '@media (forced-colors: active)': { color: 'CanvasText' },
  },
  age: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  // Older than the list's threshold: greyed, with the age before it as the cue that is not colour. Windows'
  // high-contrast modes replace our colours, so there it takes the system's own "greyed" colour.
  stale: {
    color: tokens.colorNeutralForeground3,
    // An old value is grey even when it was out of range (its words still say so): colour means "current".
    '& [data-flag]': { color: tokens.colorNeutralForeground3 },
    '@media (forced-colors: active)': { color: 'GrayText', '& *': { color: 'GrayText' } },
  },
});

/**
 * Values with their age, written once for neighbours of the same age: "4 h: BP 120/80 mmHg · HR 72 /min ·
 * 3 d: Wt 71 kg". The compact age is for the eye; a screen reader hears "recorded 3 days ago" (and that it is
 * older than the list's threshold) after the values, which is also their hover text.
 */
export function TimedValues(props: { values: TimedText[]; staleAfterHours: number; now: Date }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const i18n = useI18n();
  const groups = groupByAge(props.values, props.staleAfterHours, i18n, props.now);
  return (
    <span className={styles.root}>
      {groups.map(({ age, values }, index) => (
        <Fragment key={values[0]?.key ?? index}>
          {index > 0 && ' · '}
          <span className={mergeClasses(age?.isStale && styles.stale)} title={age?.description}>
            {age && (
              <span className={styles.age} aria-hidden="true">
                {`${i18n.t('value.age', { age: age.compact })}\u00a0`}
              </span>
            )}
            {values.map((value, i) => (
              <Fragment key={value.key}>
                {i > 0 && ' · '}
                <span
                  className={mergeClasses(
                    styles.value,
                    value.flag?.startsWith('critical') ? styles.critical : value.flag ? styles.abnormal : undefined,
                  )}
                  data-flag={value.flag}
                >
                  {value.text}
                </span>
              </Fragment>
            ))}
            {age && <span className={shared.visuallyHidden}> ({age.description})</span>}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
