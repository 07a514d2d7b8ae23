#!/usr/bin/env node
// Copies the web UI's stylesheet and client scripts (src/web/assets/) next to
// the compiled pages (dist/web/assets/): tsc compiles only .ts files, and
// src/web/web-assets.ts reads the assets relative to its own module.
// Run after `tsc -p tsconfig.build.json`.
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../src/web/assets/', import.meta.url));
const to = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
