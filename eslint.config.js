import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vitest from '@vitest/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layeringConfig } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // The Rules of React as eslint-plugin-react-hooks recommends them (react.dev/reference/eslint-plugin-react-hooks):
  // hooks and their dependencies, no setState straight in an effect, no ref read or written during render, pure renders.
  { files: ['tab/**/*.tsx', 'tab/**/*.ts'], ...reactHooks.configs.flat.recommended },
  ...layeringConfig(import.meta.dirname),
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    plugins: { vitest },
    rules: {
      'vitest/no-focused-tests': 'error',
      'vitest/no-identical-title': 'error',
      'no-console': 'off',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Plain JavaScript that must run without a build (npm start on a production install): no type information.
  { files: ['eslint.config.js', 'eslint.layers.js', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['eslint.layers.js'], rules: { '@typescript-eslint/explicit-module-boundary-types': 'off' } },
);
