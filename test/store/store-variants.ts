/**
 * The contract suite runs every test against each Store implementation:
 * SQLite (a temp file) and PostgreSQL (a fresh random schema on the test
 * server, dropped afterwards). When PostgreSQL cannot be reached the PG
 * variant is skipped — loudly, never silently passed.
 *
 * PostgreSQL URL: CHATRUN_TEST_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test (trust auth).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { MigrationResult, Store, StoreDialect } from '../../src/ports/store/store.js';

export const POSTGRES_URL = process.env['CHATRUN_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem !== undefined) {
  console.warn(`\n*** PostgreSQL unreachable at ${POSTGRES_URL} (${postgresProblem}): PostgreSQL store tests SKIPPED ***\n`);
}

export interface StoreUnderTest {
  readonly dialect: StoreDialect;
  /** The store all tests of the suite share (migrated). */
  readonly store: Store;
  /**
   * Another handle on the same database, as a second replica would hold.
   * PostgreSQL only: two handles on one SQLite file in one process can
   * deadlock by design (see src/adapters/store/sqlite-database.ts).
   */
  openReplica(): Store | undefined;
  /** Where the SQLite file lives (undefined on PostgreSQL). */
  readonly sqliteFile: string | undefined;
  /** The PostgreSQL schema holding the tables (undefined on SQLite). */
  readonly pgSchema: string | undefined;
  /** What the first migrate() on the empty database answered. */
  firstMigration(): MigrationResult;
}

interface Variant {
  readonly dialect: StoreDialect;
  readonly skip: string | false;
  setUp(): Promise<{ sut: Omit<StoreUnderTest, 'firstMigration'>; tearDown: () => Promise<void> }>;
}

function sqliteVariant(): Variant {
  return {
    dialect: 'sqlite',
    skip: false,
    async setUp() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatrun-store-'));
      const file = path.join(dir, 'chatrun.db');
      const store = openStore({ url: `sqlite:${file}` });
      return {
        sut: { dialect: 'sqlite', store, openReplica: () => undefined, sqliteFile: file, pgSchema: undefined },
        tearDown: async () => {
          await store.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresVariant(): Variant {
  return {
    dialect: 'postgres',
    skip: postgresProblem === undefined ? false : `PostgreSQL unreachable at ${POSTGRES_URL}: ${postgresProblem}`,
    async setUp() {
      const schema = `chatrun_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const store = openStore({ url: POSTGRES_URL, schema, poolSize: 20 });
      const replicas: Store[] = [];
      return {
        sut: {
          dialect: 'postgres',
          store,
          openReplica: () => {
            const replica = openStore({ url: POSTGRES_URL, schema, poolSize: 20 });
            replicas.push(replica);
            return replica;
          },
          sqliteFile: undefined,
          pgSchema: schema,
        },
        tearDown: async () => {
          await Promise.all([store, ...replicas].map((s) => s.close()));
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          try {
            await client.query(`drop schema if exists "${schema}" cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/**
 * Declares `body`'s tests once per store implementation. `sut()` is valid
 * inside tests (after the migrated store is opened).
 */
export function describeEachStore(title: string, body: (sut: () => StoreUnderTest) => void): void {
  for (const variant of [sqliteVariant(), postgresVariant()]) {
    describe(`${title} [${variant.dialect}]`, { skip: variant.skip }, () => {
      let current: StoreUnderTest | undefined;
      let tearDown: (() => Promise<void>) | undefined;
      before(async () => {
        const opened = await variant.setUp();
        tearDown = opened.tearDown;
        const migrated = await opened.sut.store.migrate();
        assert.equal(migrated.ok, true, JSON.stringify(migrated));
        current = { ...opened.sut, firstMigration: () => migrated };
      });
      after(async () => {
        await tearDown?.();
      });
      body(() => {
        assert.ok(current, 'store not opened');
        return current;
      });
    });
  }
}
