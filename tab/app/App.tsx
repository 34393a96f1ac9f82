import type { JSX } from 'react';
import { FluentProvider, teamsLightTheme, Title2, Body1 } from '@fluentui/react-components';

export function App(): JSX.Element {
  return (
    <FluentProvider theme={teamsLightTheme}>
      <main>
        <Title2 as="h1">Rounds</Title2>
        <Body1>Patient lists from your EHR, inside Teams.</Body1>
      </main>
    </FluentProvider>
  );
}
