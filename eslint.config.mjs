// ESLint, type-aware (typescript-eslint): `npm run lint`, zero warnings, run by .ci/run.
// The rule set is the recommended one plus the type-aware rules that catch real bugs in this code
// base (promises nobody awaits, async callbacks where a sync one is expected).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'data/**', 'devTools/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `a && b()` and `c ? x() : y()` as statements are used on purpose for short guards.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Stripping control characters from typed text is what neutralise() and friends are for.
      'no-control-regex': 'off',
    },
  },
  {
    // The clock is the only reader of the time used for decisions (docs/architecture.md "Time").
    files: ['src/**/*.ts'],
    ignores: ['src/domain/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from the injected clock (s.clock); a timeout of the process itself uses performance.now().',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected clock (s.clock).' },
      ],
    },
  },
  {
    // Issue 14: in src/teams, src/app and src/domain only bind() (cards/render.ts) and
    // say()/sayText/md`…`/mdText (domain/userText.ts) neutralise user text; nothing else neutralises
    // by hand (test/unit/neutraliseImports.test.ts checks the same).
    files: ['src/teams/**/*.ts', 'src/app/**/*.ts'],
    ignores: ['src/teams/cards/render.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/neutralise'],
              message: 'Bind user text as a plain string with bind(), or use say()/md`…`/sayText/mdText (domain/userText.ts).',
            },
            {
              group: ['**/cards/render', './render'],
              importNames: ['neutralise', 'neutraliseDeep'],
              message: 'Bind user text as a plain string with bind(), or use say()/md`…`.',
            },
          ],
        },
      ],
    },
  },
  {
    // The same for src/domain: only userText.ts (say()/sayText/md`…`/mdText) neutralises user text.
    // Inside src/domain the import is relative (`./neutralise`, `../neutralise`), which the pattern
    // `**/domain/neutralise` above does not match: a regex catches it at any depth.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/userText.ts', 'src/domain/neutralise.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any relative import of neutralise, at any depth: ./neutralise, ../neutralise, ../../domain/neutralise.
              regex: '^\\.\\.?/(?:.*/)?neutralise(?:\\.[cm]?[jt]s)?$',
              message: 'Use sayText()/mdText`…` (domain/userText.ts): string arguments are user text, trusted() our own words.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read raw Bot Framework / Graph JSON: `any` there is the honest type.
    files: ['test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
