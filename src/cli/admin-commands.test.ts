import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { verifyPassword } from '../adapters/auth/password-hash.js';
import { hashToken } from '../adapters/auth/secret-token.js';
import { openStore } from '../adapters/store/open-store.js';
import { registerAdminCommands } from './admin-commands.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function chatrun(args: readonly string[], options: { stdin?: string; demoDataDir?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const program = new Command().exitOverride();
  registerAdminCommands(program, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    ...(options.demoDataDir === undefined ? {} : { demoDataDir: options.demoDataDir }),
    setExitCode: (value) => {
      code = value;
    },
  });
  await program.parseAsync(['node', 'chatrun', ...args]);
  return { code, stdout, stderr };
}

function withConfig(work: (config: string, dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-admin-'));
    const config = join(dir, 'chatrun.yml');
    writeFileSync(
      config,
      [`server: { data_dir: ${JSON.stringify(join(dir, 'data'))} }`, 'projects:', '  - { path: ops/infra, repository: /srv/git/infra }', ''].join('\n'),
    );
    mkdirSync(join(dir, 'data'), { recursive: true });
    try {
      await work(config, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function seedProject(dir: string): Promise<void> {
  const store = openStore({ url: `sqlite:${join(dir, 'data', 'chatrun.db')}` });
  try {
    assert.ok((await store.migrate()).ok);
    await store.projects.upsertByPath({ path: 'ops/infra', repository: '/srv/git/infra' }, 1);
  } finally {
    await store.close();
  }
}

describe('admin commands', () => {
  test('user add with a password from stdin, then user list', withConfig(async (config, dir) => {
    const added = await chatrun(['user', 'add', 'alice', '--name', 'Alice Example', '--email', 'alice@example.com', '--admin', '--password-stdin', '--config', config], {
      stdin: 'correct horse\n',
    });
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /created user alice \(admin\)/);
    const listed = await chatrun(['user', 'list', '--config', config]);
    assert.match(listed.stdout, /^USERNAME\s+NAME\s+EMAIL\s+ADMIN\s+LOGIN\nalice\s+Alice Example\s+alice@example\.com\s+admin\s+password\n$/);
    const store = openStore({ url: `sqlite:${join(dir, 'data', 'chatrun.db')}` });
    try {
      const alice = await store.users.getByUsername('alice');
      assert.ok(await verifyPassword('correct horse', alice?.passwordHash ?? ''));
    } finally {
      await store.close();
    }
  }));

  test('user add refuses a taken username and an invalid one', withConfig(async (config) => {
    assert.equal((await chatrun(['user', 'add', 'bob', '--config', config])).code, 0);
    const again = await chatrun(['user', 'add', 'bob', '--config', config]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /user bob already exists/);
    const invalid = await chatrun(['user', 'add', '.bad', '--config', config]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /invalid username "\.bad"/);
  }));

  test('member add and list, with clear errors for unknown projects, users and roles', withConfig(async (config, dir) => {
    await seedProject(dir);
    await chatrun(['user', 'add', 'carol', '--config', config]);
    const added = await chatrun(['member', 'add', 'ops/infra', 'carol', 'developer', '--config', config]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /carol added to ops\/infra as developer/);
    const changed = await chatrun(['member', 'add', 'ops/infra', 'carol', 'maintainer', '--config', config]);
    assert.match(changed.stdout, /changed from developer to maintainer/);
    const listed = await chatrun(['member', 'list', 'ops/infra', '--config', config]);
    assert.match(listed.stdout, /^USERNAME\s+ROLE\s+NAME\ncarol\s+maintainer\s+carol\n$/);

    const role = await chatrun(['member', 'add', 'ops/infra', 'carol', 'admin', '--config', config]);
    assert.equal(role.code, 1);
    assert.match(role.stderr, /unknown role "admin": must be one of guest, reporter, developer, maintainer, owner/);
    const project = await chatrun(['member', 'add', 'ops/nope', 'carol', 'developer', '--config', config]);
    assert.equal(project.code, 1);
    assert.match(project.stderr, /unknown project "ops\/nope" \(projects: ops\/infra\)/);
    const user = await chatrun(['member', 'add', 'ops/infra', 'dave', 'developer', '--config', config]);
    assert.equal(user.code, 1);
    assert.match(user.stderr, /unknown user "dave"/);
    const list = await chatrun(['member', 'list', 'ops/nope', '--config', config]);
    assert.equal(list.code, 1);
  }));

  test('token create prints the token once and stores only its hash', withConfig(async (config, dir) => {
    await chatrun(['user', 'add', 'erin', '--config', config]);
    const created = await chatrun(['token', 'create', 'erin', '--name', 'deploy-bot', '--config', config]);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trim();
    assert.match(token, /^crt_[A-Za-z0-9_-]{43}$/);
    assert.match(created.stderr, /shown only this once/);
    const store = openStore({ url: `sqlite:${join(dir, 'data', 'chatrun.db')}` });
    try {
      const found = await store.users.findApiToken(hashToken(token));
      assert.equal(found?.user.username, 'erin');
      assert.equal(found?.token.name, 'deploy-bot');
    } finally {
      await store.close();
    }
    const unknown = await chatrun(['token', 'create', 'nobody', '--config', config]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown user "nobody"/);
  }));

  test('audit lists the newest events first, up to --limit', withConfig(async (config, dir) => {
    const store = openStore({ url: `sqlite:${join(dir, 'data', 'chatrun.db')}` });
    try {
      assert.ok((await store.migrate()).ok);
      for (let i = 1; i <= 3; i++) {
        await store.audit.append({ at: Date.UTC(2024, 0, i), platform: 'slack', chatUserId: 'U1', username: 'alice', text: `run job${i}`, decision: 'accepted', projectPath: 'ops/infra' });
      }
    } finally {
      await store.close();
    }
    const listed = await chatrun(['audit', '--limit', '2', '--config', config]);
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1] ?? '', /2024-01-03T00:00:00\.000Z\s+alice \(slack:U1\).*accepted.*run job3$/);
    assert.match(lines[2] ?? '', /run job2$/);
    const bad = await chatrun(['audit', '--limit', 'lots', '--config', config]);
    assert.equal(bad.code, 1);
  }));

  test('without --config the commands use the demo data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-admin-demo-'));
    try {
      const added = await chatrun(['user', 'add', 'frank'], { demoDataDir: join(dir, '.chatrun') });
      assert.equal(added.code, 0, added.stderr);
      const listed = await chatrun(['user', 'list'], { demoDataDir: join(dir, '.chatrun') });
      assert.match(listed.stdout, /^frank\s/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an invalid config file is reported with its key path', withConfig(async (config) => {
    writeFileSync(config, 'server: { listne: 1 }\n');
    const run = await chatrun(['user', 'list', '--config', config]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /server\.listne: unknown key/);
  }));
});
