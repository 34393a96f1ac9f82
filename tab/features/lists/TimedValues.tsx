import { Fragment, type JSX } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { TimedText } from '../../shared/row-view';
import { useSharedStyles } from '../../shared/styles';
import { valueAge } from '../../shared/value-age';

const useStyles = makeStyles({
  root: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  // A value and its age stay together; the cell wraps between values.
  value: { whiteSpace: 'nowrap' },
  age: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  // Older than the list's threshold: greyed, with the age beside it as the cue that is not colour. Windows'
  // high-contrast modes replace our colours, so there it takes the system's own "greyed" colour.
  stale: {
    color: tokens.colorNeutralForeground3,
    '@media (forced-colors: active)': { color: 'GrayText', '& *': { color: 'GrayText' } },
  },
});

/**
 * Values with their age: "BP 120/80 mmHg 2 h · Wt 71 kg 3 d". The compact age is for the eye; a screen reader
 * hears "recorded 3 days ago" (and that it is older than the list's threshold), which is also the hover text.
 */
export function TimedValues(props: { values: TimedText[]; staleAfterHours: number; now: Date }): JSX.Element {
  const styles = useStyles();
  const shared = useSharedStyles();
  const i18n = useI18n();
  return (
    <span className={styles.root}>
      {props.values.map((value, index) => {
        const age = valueAge(value.effective, props.staleAfterHours, i18n, props.now);
        return (
          <Fragment key={value.key}>
            {index > 0 && ' · '}
            <span
              className={mergeClasses(styles.value, age?.isStale && styles.stale)}
              title={age?.description}
            >
              {value.text}
              {age && (
                <>
                  <span className={styles.age} aria-hidden="true">
                    {`\u00a0${age.compact}`}
                  </span>
                  <span className={shared.visuallyHidden}> ({age.description})</span>
                </>
              )}
            </span>
          </Fragment>
        );
      })}
    </span>
  );
}
