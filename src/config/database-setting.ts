/**
 * `server.database`: `sqlite` (the file `<data_dir>/chatrun.db`),
 * `sqlite:PATH`, or a PostgreSQL URL. A password inside the URL is refused,
 * like every other secret in the file: the PostgreSQL driver reads it from
 * PGPASSWORD or ~/.pgpass instead.
 */
import { join } from 'node:path';

export type DatabaseSetting =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

export type DatabaseSettingResult =
  | { readonly ok: true; readonly database: DatabaseSetting }
  | { readonly ok: false; readonly error: string };

export function parseDatabaseSetting(input: string, dataDir: string): DatabaseSettingResult {
  const text = input.trim();
  if (text === 'sqlite') return { ok: true, database: { kind: 'sqlite', path: join(dataDir, 'chatrun.db') } };
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') return { ok: false, error: 'sqlite: needs a file path after the colon (sqlite:/srv/chatrun/chatrun.db)' };
    return { ok: true, database: { kind: 'sqlite', path } };
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, error: `"${text}" is not a valid PostgreSQL URL` };
    }
    if (url.password !== '') {
      return {
        ok: false,
        error: 'the PostgreSQL URL holds a password; secrets are not written in the config file: set PGPASSWORD in the environment (or use ~/.pgpass) and drop it from the URL',
      };
    }
    return { ok: true, database: { kind: 'postgres', url: text } };
  }
  return { ok: false, error: `must be sqlite, sqlite:PATH or a postgres:// URL, not "${text}"` };
}
