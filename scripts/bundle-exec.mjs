#!/usr/bin/env node
// Bundles what `chatrun exec` loads into one file, dist/cli/exec-bundle.js:
// dist/cli/exec-command.js and every chatrun module it imports (about 110),
// packages left outside. Run by `npm run build` after tsc.
//
// Why: exec is run again and again by a job author, and most of its time is
// start-up. Node loads an ES module by resolving, reading, compiling and
// linking it on its own, about 0.4 ms each here, so the separate modules
// cost ~45 ms of CPU that one file does not (measured: 175 -> 131 ms for
// the whole `chatrun exec hello-world`). The input is tsc's output, not the
// TypeScript, so the bundle holds exactly the code of the separate modules
// and the two can never differ in how they were compiled.
//
// src/cli/main.ts uses the bundle only when it is at least as new as
// dist/.tsbuildinfo: after a bare `tsc` it falls back to the separate
// modules instead of running stale code. Nothing else imports the bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('../dist/cli/exec-command.js', import.meta.url));
const outfile = fileURLToPath(new URL('../dist/cli/exec-bundle.js', import.meta.url));

// A module that finds something relative to its own file finds it relative to
// the bundle instead. These do not care: chatrun-version.js walks up to
// package.json from wherever it is, and createRequire resolves packages by
// walking up to the same node_modules. A module not listed here that uses import.meta
// stops the build, so that a new one is looked at before it breaks exec.
const LOCATION_INDEPENDENT = new Set([
  'dist/runner/chatrun-version.js',
  'dist/domain/ci-config/yaml-package.js',
  'dist/domain/expression/re2js-package.js',
]);

const result = await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Function and class names stay as written (esbuild renames clashing
  // top-level names), so errors and stack traces read as from the modules.
  keepNames: true,
  // Chained through tsc's own maps, so the bundle maps back to src/.
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

const placeDependent = Object.keys(result.metafile.inputs)
  .filter((input) => !input.startsWith('node_modules/') && readFileSync(join(root, input), 'utf8').includes('import.meta'))
  .filter((input) => !LOCATION_INDEPENDENT.has(input));
if (placeDependent.length > 0) {
  console.error(
    `bundle-exec: ${placeDependent.join(', ')} use import.meta and would resolve paths from dist/cli/exec-bundle.js instead; ` +
      'check that this is harmless and list them in scripts/bundle-exec.mjs, or keep them out of exec.',
  );
  process.exit(1);
}
