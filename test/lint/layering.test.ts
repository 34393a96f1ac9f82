// The layering rules of eslint.layers.js bite: each forbidden direction, written into a file of the room it
// comes from, is reported; the allowed directions are not. Linted as text (no file is written), with the same
// rules and resolver as `npm run lint`, on real import targets.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';
import { layeringConfig } from '../../eslint.layers.js';

const ROOT = join(import.meta.dirname, '..', '..');

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    { plugins: { '@typescript-eslint': tseslint.plugin } },
    ...layeringConfig(ROOT),
  ],
});

/** The messages of the layering rules for `code` as if it were the file at `path` (relative to the root). */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layering the linter enforces', () => {
  test.each([
    ['a tab feature importing another feature', 'tab/features/lists/Probe.tsx', "import { RoundingSheet } from '../print/RoundingSheet';\nvoid RoundingSheet;"],
    ['a tab feature importing tab/app', 'tab/features/lists/Probe.tsx', "import { App } from '../../app/App';\nvoid App;"],
    ['the tab importing server code', 'tab/shared/probe.ts', "import { loadConfig } from '../../server/config';\nvoid loadConfig;"],
    ['server/fhir importing server/lists', 'server/fhir/probe.ts', "import { partsForColumns } from '../lists/columns.js';\nvoid partsForColumns;"],
    ['server/partner importing server/api', 'server/partner/probe.ts', "import { patientRoutes } from '../api/patient-routes.js';\nvoid patientRoutes;"],
    ['server/lists importing server/api', 'server/lists/probe.ts', "import { listRoutes } from '../api/list-routes.js';\nvoid listRoutes;"],
    ['server/demo importing server/api', 'server/demo/probe.ts', "import { patientRoutes } from '../api/patient-routes.js';\nvoid patientRoutes;"],
    ['production code importing server/demo', 'server/app-probe.ts', "import { startDemoPartner } from './demo/demo-partner.js';\nvoid startDemoPartner;"],
    ['production code importing test code', 'server/lists/probe.ts', "import { listen } from '../../test/support/http.js';\nvoid listen;"],
  ])('reports %s', async (_name, path, code) => {
    const found = await problems(path, code);
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) expect(problem).toMatch(/^(import-x\/no-restricted-paths|@typescript-eslint\/no-restricted-imports): /);
  });

  test('reports a value imported by the tab from the wire types, and allows the types', async () => {
    expect(await problems('tab/shared/probe.ts', "import { DEFAULT_COLUMNS } from '../../server/wire/contract';\nvoid DEFAULT_COLUMNS;")).toHaveLength(1);
    expect(await problems('tab/shared/probe.ts', "import type { List } from '../../server/wire/contract';\nexport type L = List;")).toEqual([]);
  });

  test.each([
    ['a feature importing tab/shared', 'tab/features/lists/Probe.tsx', "import { useApi } from '../../shared/api-context';\nvoid useApi;"],
    ['tab/app importing a feature', 'tab/app/probe.ts', "import { ListsView } from '../features/lists/ListsView';\nvoid ListsView;"],
    ['the lists importing the FHIR side', 'server/lists/probe.ts', "import { partsForColumns } from './columns.js';\nimport type { Ehr } from '../fhir/ehr.js';\nexport type E = Ehr;\nvoid partsForColumns;"],
    ['the composition root loading the demo partner', 'server/bootstrap.ts', "const demo = import('./demo/demo-partner.js');\nvoid demo;"],
    ['the demo partner importing itself', 'server/demo/probe.ts', "import { generateDemoData } from './data/generator.js';\nvoid generateDemoData;"],
  ])('allows %s', async (_name, path, code) => {
    expect(await problems(path, code)).toEqual([]);
  });
});
