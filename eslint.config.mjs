import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

/**
 * The layers of DESIGN.md, enforced: a wrong import fails `npm test`.
 * shared ← services/handlers ← electron shell; shared ← renderer; shared ← preload.
 */
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', '.native/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.{cjs,mjs}'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'exceljs'],
      ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'node:*'],
      'src/shared imports nothing of ours and no node, electron or react (DESIGN.md layers).',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/electron/**', 'src/main/services/**'],
    rules: restrict(
      ['electron', 'react', 'react-dom', 'ag-grid-react', 'ag-grid-community'],
      ['**/renderer/**', '**/preload/**', '**/cli/**', 'electron/*', 'react/*'],
      'Services, handlers and the bridge never import electron, React or the renderer (DESIGN.md layers).',
    ),
  },
  // one-definition (issue 15): services sit below the handlers and the bridge, never the other way.
  {
    files: ['src/main/services/**/*.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom', 'ag-grid-react', 'ag-grid-community'],
      ['**/renderer/**', '**/preload/**', '**/cli/**', 'electron/*', 'react/*', '**/handlers/**', '**/handlers', '**/bridge/**', '**/bridge'],
      'Services never import electron, React, the renderer, the handlers or the bridge (DESIGN.md layers: services ← handlers ← bridge, CLI, Electron).',
    ),
  },
  // one-definition (issue 15): no import circles anywhere in src (type-only imports are not counted).
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**/*.ts'],
    rules: restrict(['react', 'react-dom'], ['**/renderer/**', '**/cli/**'], 'The Electron shell never imports React or the renderer.'),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'exceljs', 'zod'],
      ['**/main/**', '**/preload/**', '**/cli/**', 'node:*', 'electron/*'],
      'The renderer imports only src/shared, react and the grid/chart libraries: no node, electron or services (DESIGN.md layers).',
    ),
  },
  // danish-desk (issue 15 item 5): the React hooks rules, on the renderer.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'better-sqlite3', 'exceljs', 'react'],
      ['**/main/**', '**/renderer/**', '**/cli/**', 'node:*'],
      'The preload exposes one invoke/subscribe through contextBridge; it imports no node modules or services.',
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict(['electron', 'react', 'react-dom'], ['**/renderer/**', '**/preload/**'], 'The CLI calls the handler table; it never imports electron or React.'),
  },
);
