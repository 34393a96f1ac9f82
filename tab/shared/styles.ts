import { makeStyles, tokens } from '@fluentui/react-components';

/** 44 px touch targets (2.75rem) on phones and touch screens; desktop keeps Fluent's sizes. */
export const TOUCH_TARGET = '2.75rem';

export const useSharedStyles = makeStyles({
  touchTarget: {
    '@media (max-width: 40rem), (pointer: coarse)': {
      minHeight: TOUCH_TARGET,
      minWidth: TOUCH_TARGET,
    },
  },
  visuallyHidden: {
    position: 'absolute',
    width: '0.0625rem',
    height: '0.0625rem',
    margin: '-0.0625rem',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  },
  noPrint: { '@media print': { display: 'none' } },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    '@media (max-width: 40rem)': {
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    },
  },
});
