import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import { parseStoreUrl } from '../../src/adapters/store/store-url.js';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_URL, describeEachStore } from './store-variants.js';

const TABLES = [
  'api_tokens',
  'audit_events',
  'chat_identities',
  'command_receipts',
  'jobs',
  'link_tokens',
  'members',
  'pipelines',
  'projects',
  'replies',
  'runners',
  'sessions',
  'trace_chunks',
  'users',
];

describeEachStore('migrations', (sut) => {
  test('migrating the empty database applied 0001-initial and created every table', async () => {
    const { firstMigration, sqliteFile, pgSchema } = sut();
    assert.deepEqual(firstMigration(), { ok: true, applied: ['0001-initial'] });
    const tables = sqliteFile !== undefined ? sqliteTables(sqliteFile) : await postgresTables(pgSchema ?? 'public');
    for (const table of TABLES) assert.ok(tables.includes(table), `missing table ${table} in ${tables.join(', ')}`);
  });

  test('re-running migrations is a no-op', async () => {
    assert.deepEqual(await sut().store.migrate(), { ok: true, applied: [] });
  });

  // Last in this suite: on SQLite it closes the shared handle to reopen the file.
  test('a restarted server (SQLite) or a second replica (PostgreSQL) finds nothing to migrate', async () => {
    const { store, openReplica, sqliteFile } = sut();
    if (sqliteFile !== undefined) {
      await store.close();
      const reopened = openStore({ url: `sqlite:${sqliteFile}` });
      try {
        assert.deepEqual(await reopened.migrate(), { ok: true, applied: [] });
      } finally {
        await reopened.close();
      }
      return;
    }
    const replica = openReplica();
    assert.ok(replica);
    const [a, b] = await Promise.all([replica.migrate(), store.migrate()]);
    assert.deepEqual(a, { ok: true, applied: [] });
    assert.deepEqual(b, { ok: true, applied: [] });
  });
});

function sqliteTables(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

async function postgresTables(schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1',
      [schema],
    );
    return result.rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('openStore / parseStoreUrl', () => {
  test('URL forms name the right database', () => {
    assert.deepEqual(parseStoreUrl(':memory:'), { ok: true, dialect: 'sqlite', filename: ':memory:' });
    assert.deepEqual(parseStoreUrl('sqlite::memory:'), { ok: true, dialect: 'sqlite', filename: ':memory:' });
    assert.deepEqual(parseStoreUrl('sqlite:data/x.db'), { ok: true, dialect: 'sqlite', filename: 'data/x.db' });
    assert.deepEqual(parseStoreUrl('sqlite:///abs/x.db'), { ok: true, dialect: 'sqlite', filename: '/abs/x.db' });
    assert.deepEqual(parseStoreUrl('postgresql://u@h/db'), {
      ok: true,
      dialect: 'postgres',
      connectionString: 'postgresql://u@h/db',
    });
    assert.equal(parseStoreUrl('mysql://h/db').ok, false);
    assert.equal(parseStoreUrl('sqlite:').ok, false);
  });

  test('an unusable URL or schema name throws before opening anything', () => {
    assert.throws(() => openStore({ url: 'mysql://h/db' }), /neither sqlite/);
    assert.throws(() => openStore({ url: 'postgres://h/db', schema: 'x; drop' }), /letters, digits/);
    assert.throws(() => openStore({ url: ':memory:', schema: 'x' }), /PostgreSQL only/);
  });

  test('an in-memory SQLite store migrates from empty, then re-running applies nothing', async () => {
    const store = openStore({ url: ':memory:' });
    try {
      assert.deepEqual(await store.migrate(), { ok: true, applied: ['0001-initial'] });
      assert.deepEqual(await store.migrate(), { ok: true, applied: [] });
      assert.equal(store.dialect, 'sqlite');
    } finally {
      await store.close();
    }
  });

  test('an unreachable PostgreSQL answers migrate() with ok: false, not a throw', async () => {
    const store = openStore({ url: 'postgres://postgres@127.0.0.1:1/none', schema: 'nowhere' });
    try {
      const result = await store.migrate();
      assert.equal(result.ok, false);
    } finally {
      await store.close();
    }
  });
});
