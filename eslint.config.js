// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import direction (ARCHITECTURE.md): app → modules → platform; web → contracts only. */
const platformMayNotImportModules = {
  group: ['**/modules/**', '**/app.ts', '**/cli/**'],
  message: 'platform/ is what every module stands on: it never imports a module, the app or the CLI.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', 'drizzle', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [platformMayNotImportModules] }] },
  },
  ...[
    // A module's own folder, and the area folders inside it: the other module is one or two levels up.
    { files: ['src/modules/*/*.ts'], up: '\\.\\./' },
    { files: ['src/modules/*/*/**/*.ts'], up: '\\.\\./\\.\\./' },
  ].map(({ files, up }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app.ts', '**/cli/**'],
              message: 'Modules never import the composition root or the CLI.',
            },
            {
              regex: `^${up}(?!\\.\\.)[^/]+/(?!(index|contract|tables)\\.ts$)`,
              message:
                'Import another module only through its index.ts (its public face) or its contract.ts.',
            },
          ],
        },
      ],
    },
  })),
  {
    // Contract files are loaded by the browser too: zod schemas and WebCrypto code, nothing from Node.
    // (no-restricted-syntax, so the module-boundary no-restricted-imports patterns still apply here.)
    files: ['src/**/contract.ts', 'src/**/*.contract.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^node:/]',
          message: 'Contract files run in the browser as well: use WebCrypto and web APIs, not Node modules.',
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!.*contract\\.ts$)',
              message:
                'The web app imports only the server’s contract.ts files (zod schemas), never server code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON bodies of responses; asserting on them is the point, typing each one is not.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', 'web/vite.config.ts', '*.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
