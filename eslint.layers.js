// The allowed directions between the rooms of the house (../shared/STYLE.md, "Dependencies point one way"),
// as lint rules: eslint.config.js applies them, and test/lint/layering.test.ts proves that each one bites.
import { join } from 'node:path';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const FEATURES = ['add-patient', 'config', 'lists', 'notes', 'patient-detail', 'print', 'sign-in'];

/** The zones of import-x/no-restricted-paths, with absolute paths under `root`. */
export function layerZones(root) {
  const at = (...parts) => join(root, ...parts);
  return [
    ...FEATURES.map((feature) => ({
      target: at('tab', 'features', feature),
      from: at('tab', 'features'),
      except: [`./${feature}`],
      message: 'Tab features never import each other: share through tab/shared, meet in tab/app.',
    })),
    {
      target: at('tab', 'features'),
      from: at('tab', 'app'),
      message: 'Tab features never import tab/app: the app composes the features, not the other way round.',
    },
    {
      target: at('tab'),
      from: at('server'),
      except: ['./wire/contract.ts'],
      message: "The tab sees the server only through its wire types (server/wire/contract.ts, with `import type`).",
    },
    {
      target: [at('server', 'fhir'), at('server', 'partner')],
      from: [at('server', 'lists'), at('server', 'api')],
      message: 'server/fhir and server/partner sit below the lists and the routes: they never import them.',
    },
    {
      target: [at('server', 'lists'), at('server', 'demo'), at('server', 'wire')],
      from: at('server', 'api'),
      message: 'server/api holds routes and their schemas: the rooms below it never import it (shared shapes live in server/wire).',
    },
    {
      target: [`${at('server')}/!(demo)/**`, `${at('server')}/!(bootstrap).ts`],
      from: at('server', 'demo'),
      message: 'Only the composition root (server/bootstrap.ts) loads the demo partner.',
    },
    {
      target: [at('server'), at('tab'), at('scripts'), at('manifest')],
      from: at('test'),
      message: 'Production code never imports test code.',
    },
  ];
}

/** Flat-config blocks: the plugin with a TypeScript-aware resolver and the zones, and the tab's type-only rule. */
export function layeringConfig(root) {
  return [
    {
      files: ['server/**/*.ts', 'tab/**/*.ts', 'tab/**/*.tsx', 'scripts/**/*.ts', 'manifest/**/*.ts'],
      plugins: { 'import-x': importX },
      settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(root, 'tsconfig.json') })] },
      rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones(root) }] },
    },
    {
      files: ['tab/**/*.ts', 'tab/**/*.tsx'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['**/server/**'],
                allowTypeImports: true,
                message: 'The tab imports the server\'s wire types as types only (`import type`): no server code runs in the tab.',
              },
            ],
          },
        ],
      },
    },
  ];
}
