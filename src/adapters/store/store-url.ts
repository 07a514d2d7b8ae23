/**
 * Which database a store URL names. Accepted forms:
 * - `:memory:` or `sqlite::memory:` — a private in-memory SQLite database;
 * - `sqlite:PATH` or `sqlite://PATH` — a SQLite file (relative to the cwd
 *   unless absolute; `sqlite:///abs/x.db` is `/abs/x.db`);
 * - `postgres://…` or `postgresql://…` — a PostgreSQL connection string.
 */
export type StoreLocation =
  | { readonly ok: true; readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly ok: true; readonly dialect: 'postgres'; readonly connectionString: string }
  | { readonly ok: false; readonly error: string };

export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  if (trimmed === ':memory:' || trimmed === 'sqlite::memory:') {
    return { ok: true, dialect: 'sqlite', filename: ':memory:' };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    return { ok: true, dialect: 'postgres', connectionString: trimmed };
  }
  if (/^sqlite:/i.test(trimmed)) {
    const rest = trimmed.slice('sqlite:'.length);
    const filename = rest.startsWith('//') ? rest.slice(2) : rest;
    if (filename === '') return { ok: false, error: `database URL ${JSON.stringify(url)} names no SQLite file` };
    return { ok: true, dialect: 'sqlite', filename };
  }
  return {
    ok: false,
    error: `database URL ${JSON.stringify(url)} is neither sqlite:PATH, :memory: nor postgres://…`,
  };
}
