// Lint = the folder import rules of ARCHITECTURE.md, made true by a rule.
// Type checking is tsc's job (`npm run lint` runs both).
import tseslint from 'typescript-eslint';

/** Which of our folders each folder may import from (besides itself). */
const allowed = {
  domain: [],
  ports: ['domain'],
  app: ['domain', 'ports'],
  runner: ['domain', 'ports'],
  adapters: ['domain', 'ports'],
  http: ['domain', 'ports', 'app', 'adapters', 'web', 'config'],
  web: ['domain', 'ports', 'app'],
  config: ['domain'],
  cli: null, // the composition roots wire everything
};
const all = Object.keys(allowed);

function restrictionsFor(folder) {
  const ok = allowed[folder];
  if (ok === null) return [];
  const banned = all.filter((f) => f !== folder && !ok.includes(f));
  return banned.map((f) => ({
    group: [`**/${f}/**`, `../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../../../../${f}/*`],
    message: `src/${folder} may not import from src/${f} (see ARCHITECTURE.md)`,
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'build-check/**', 'node_modules/**', 'bench/node_modules/**', '.chatrun/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...all.map((folder) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: restrictionsFor(folder) }],
    },
  })),
);
