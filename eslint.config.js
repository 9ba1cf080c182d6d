import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/**
 * The layers of src/ (README.md, Project layout), enforced here:
 * - src/shared: tiny pure primitives (PRNG, normal quantile, hashes, base64, CSV, escaping, safe paths); imports nothing from src/.
 * - src/model, src/measure: pure TypeScript; import only src/shared and libraries.
 * - src/charts: pure spec builders; never the notebook, the report, the CLI, the worker or the UI.
 * - Svelte (the package and .svelte files) only in src/ui.
 * Each rule covers static imports and re-exports (no-restricted-imports) and also
 * dynamic import() and `typeof import()` types (no-restricted-syntax), which that
 * rule does not see. A file matches exactly one block below, so the rules of a block
 * are complete for its folder.
 */
const FOLDERS = ['shared', 'model', 'measure', 'charts', 'data', 'i18n', 'notebook', 'report', 'worker', 'cli'];
const ABOVE_CHARTS = ['notebook', 'report', 'worker', 'cli', 'ui'];
const NOT_BELOW_SHARED = FOLDERS.concat('ui').filter((f) => f !== 'shared');

/** The folders of src/ that files in `folder` must not import, and why. */
const FORBIDDEN = {
  shared: { folders: FOLDERS.concat('ui').filter((f) => f !== 'shared'), why: 'src/shared imports nothing from src/ (it sits below every other folder)' },
  model: { folders: NOT_BELOW_SHARED.filter((f) => f !== 'model'), why: 'src/model is pure: it imports only src/shared and libraries' },
  measure: { folders: NOT_BELOW_SHARED.filter((f) => f !== 'measure'), why: 'src/measure is pure: it imports only src/shared and libraries' },
  charts: { folders: ABOVE_CHARTS, why: 'src/charts builds specs: it never imports the notebook, the report, the CLI, the worker or the UI' },
};

const SVELTE_WHY = 'only src/ui uses Svelte';

function layerRules(folder) {
  const forbidden = FORBIDDEN[folder];
  const patterns = [{ group: ['svelte', 'svelte/*', '**/*.svelte', '*.svelte'], message: SVELTE_WHY }];
  const syntax = [
    { selector: "ImportExpression[source.value=/(^svelte(\\u002F|$))|\\.svelte$/]", message: SVELTE_WHY },
    { selector: "TSImportType[argument.literal.value=/(^svelte(\\u002F|$))|\\.svelte$/]", message: SVELTE_WHY },
  ];
  if (forbidden) {
    const alternatives = forbidden.folders.join('|');
    patterns.push({ group: forbidden.folders.flatMap((f) => [`../${f}`, `../${f}/*`, `../../${f}`, `../../${f}/*`]), message: forbidden.why });
    // ../x or ../../x where x is a forbidden folder ('\u002F' is '/', which the selector syntax reserves).
    const source = `/^(\\.\\.\\u002F){1,2}(${alternatives})(\\u002F|$)/`;
    syntax.push({ selector: `ImportExpression[source.value=${source}]`, message: forbidden.why });
    syntax.push({ selector: `TSImportType[argument.literal.value=${source}]`, message: forbidden.why });
  }
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': ['error', ...syntax],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'coverage/', 'bench/results/', '.cache/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  ...FOLDERS.map(layerRules),
);
