import { readFileSync } from 'node:fs';

// Read once from package.json so the trace header, `--version` and the
// server's /healthz agree with the published package.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const CHATRUN_VERSION: string = pkg.version;
