import type { JSX, ReactNode } from 'react';
import { Body1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: tokens.fontSizeHero800, color: tokens.colorBrandForeground1 },
});

/** An empty state that says what to do next, with the action that does it. */
export function EmptyState(props: { icon?: ReactNode; title: string; body: string; action?: ReactNode }): JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label={props.title}>
      {props.icon && <span className={styles.icon} aria-hidden="true">{props.icon}</span>}
      <Subtitle2 as="h2">{props.title}</Subtitle2>
      <Body1>{props.body}</Body1>
      {props.action}
    </section>
  );
}
