import { useId, type JSX, type ReactNode } from 'react';
import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: { margin: 0 },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  group: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  items: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  quiet: { color: tokens.colorNeutralForeground3, margin: 0 },
  secondary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export const useSectionStyles = useStyles;

export function Section(props: { title: string; children: ReactNode }): JSX.Element {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id} className={styles.heading}>
        {props.title}
      </Subtitle2>
      {props.children}
    </section>
  );
}

/** Label/value pairs; empty values are left out rather than shown blank. */
export function Fields(props: { items: [label: string, value: string | undefined][] }): JSX.Element | null {
  const styles = useStyles();
  const shown = props.items.filter(([, value]) => value);
  if (shown.length === 0) return null;
  return (
    <dl className={styles.fields}>
      {shown.map(([label, value]) => (
        <div key={label} className={styles.group}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A list of items, or the quiet "None recorded" when the EHR has none. */
export function Items(props: { empty: string; children: ReactNode[] }): JSX.Element {
  const styles = useStyles();
  if (props.children.length === 0) return <p className={styles.quiet}>{props.empty}</p>;
  return <ul className={styles.items}>{props.children}</ul>;
}
