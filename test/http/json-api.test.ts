import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProjectRecord } from '../../src/ports/store/project-store.js';
import type { UserRecord } from '../../src/ports/store/user-store.js';
import { createHttpWorld, ORIGIN, type HttpWorld } from './http-world.js';

describe('JSON API /api/v1', () => {
  let world: HttpWorld;
  let project: ProjectRecord;
  let developer: UserRecord;
  let cookie: string;
  let token: string;

  before(async () => {
    world = await createHttpWorld();
    ({ project, developer, cookie } = await world.signedInDeveloper());
    token = await world.apiToken(developer);
  });
  after(async () => world.close());

  const command = (text: string, headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    world.app.inject({ method: 'POST', url: '/api/v1/console/commands', headers, payload: { text, ...extra } });

  async function runJob(job: string, as = { cookie, origin: ORIGIN }): Promise<number> {
    const response = await command(`${project.path} run ${job}`, as);
    assert.equal(response.statusCode, 200, response.body);
    const jobId: unknown = response.json().jobId;
    assert.equal(typeof jobId, 'number');
    return jobId as number;
  }

  test('without a session or token: 401 unauthenticated; a bad bearer token: 401 invalid_token', async () => {
    const anonymous = await world.app.inject({ method: 'GET', url: '/api/v1/projects' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(anonymous.json().error.code, 'unauthenticated');
    for (const authorization of ['Bearer crt_nope', `Bearer crt_${'A'.repeat(43)}`, 'Basic dXNlcjpwdw==']) {
      const response = await world.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization } });
      assert.equal(response.statusCode, 401, authorization);
      assert.equal(response.json().error.code, 'invalid_token');
    }
  });

  test('an API token authenticates and the projects are the caller’s own, with roles', async () => {
    await world.project();
    const response = await world.app.inject({ method: 'GET', url: '/api/v1/projects', headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().projects.map((p: { path: string; role: string }) => [p.path, p.role]),
      [[project.path, 'developer']],
    );
    const tokens = await world.store.users.listApiTokens(developer.id);
    assert.ok(tokens.every((t) => t.lastUsedAt !== null), 'use of the token is recorded');
  });

  test('the console command runs through the chat use case as platform web and answers the message as HTML', async () => {
    const response = await command(`/chatrun ${project.path} run hello-world`, { cookie, origin: ORIGIN });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.outcome, 'accepted');
    assert.equal(typeof body.jobId, 'number');
    assert.equal(typeof body.pipelineId, 'number');
    assert.match(body.messageHtml, /<div class="chat-message tone-neutral in_channel">/);
    assert.match(body.messageHtml, /<code>hello-world<\/code>/);
    assert.match(body.jobUrl, new RegExp(`/${project.path}/-/jobs/${body.jobId}$`));
    const pipeline = await world.store.pipelines.getPipeline(body.pipelineId);
    assert.equal(pipeline?.chat?.platform, 'web');
    assert.equal(pipeline?.chat?.channelName, 'web-console');
    assert.equal(pipeline?.userId, developer.id);
  });

  test('the project picked in the console applies when the text names none', async () => {
    const response = await command('run hello-world', { cookie, origin: ORIGIN }, { project: project.path });
    assert.equal(response.json().outcome, 'accepted');
  });

  test('console commands with the session cookie must come from chatrun’s own origin', async () => {
    const cases: Record<string, string>[] = [{ cookie }, { cookie, origin: 'http://evil.test' }, { cookie, referer: 'http://evil.test/x' }];
    for (const headers of cases) {
      const response = await command(`${project.path} run hello-world`, headers);
      assert.equal(response.statusCode, 403, JSON.stringify(headers));
      assert.equal(response.json().error.code, 'cross_origin');
    }
    const sameHost = await command(`${project.path} help`, { cookie, origin: 'http://localhost:80', host: 'localhost:80' });
    assert.equal(sameHost.statusCode, 200, 'an Origin matching the Host is chatrun itself');
    const byToken = await command(`${project.path} help`, { authorization: `Bearer ${token}` });
    assert.equal(byToken.statusCode, 200, 'API tokens need no Origin');
  });

  test('a malformed console body is 400 invalid_request', async () => {
    for (const payload of [{ text: 5 }, { nope: 1 }, { text: 'help', project: 3 }]) {
      const response = await world.app.inject({ method: 'POST', url: '/api/v1/console/commands', headers: { cookie, origin: ORIGIN }, payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'invalid_request');
    }
    const broken = await world.app.inject({
      method: 'POST',
      url: '/api/v1/console/commands',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      payload: '{"text":',
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'invalid_request');
  });

  test('a job is visible to reporters and above, and 404 to everyone else', async () => {
    const jobId = await runJob('hello-world');
    const mine = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { cookie } });
    assert.equal(mine.statusCode, 200);
    const job = mine.json();
    assert.equal(job.name, 'hello-world');
    assert.equal(job.status, 'pending');
    assert.equal(job.project.path, project.path);
    assert.equal(job.payload, undefined, 'the payload (variables, script) is never served');
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const asReporter = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { authorization: `Bearer ${await world.apiToken(reporter)}` } });
    assert.equal(asReporter.statusCode, 200);
    for (const role of ['guest', undefined] as const) {
      const outsider = await world.user();
      if (role !== undefined) await world.member(outsider, project, role);
      const response = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}`, headers: { authorization: `Bearer ${await world.apiToken(outsider)}` } });
      assert.equal(response.statusCode, 404, String(role));
      assert.equal(response.json().error.code, 'not_found');
    }
    const missing = await world.app.inject({ method: 'GET', url: '/api/v1/jobs/999999', headers: { cookie } });
    assert.equal(missing.statusCode, 404);
  });

  test('the trace is served from a byte offset with its size and the job status', async () => {
    const jobId = await runJob('hello-world');
    const bytes = Buffer.from('\x1b[32;1m$ echo hi\x1b[0;m\nhé\n', 'utf8');
    const appended = await world.store.traces.appendTrace(jobId, 0, bytes);
    assert.equal(appended.kind, 'appended');
    const whole = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/trace`, headers: { cookie } });
    assert.equal(whole.statusCode, 200);
    assert.deepEqual(whole.rawPayload, bytes);
    assert.equal(whole.headers['x-chatrun-trace-size'], String(bytes.length));
    assert.equal(whole.headers['x-chatrun-job-status'], 'pending');
    const rest = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/trace?offset=20`, headers: { cookie } });
    assert.deepEqual(rest.rawPayload, bytes.subarray(20));
    assert.equal(rest.headers['x-chatrun-trace-size'], String(bytes.length));
    const past = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/trace?offset=${bytes.length}`, headers: { cookie } });
    assert.equal(past.rawPayload.length, 0);
    assert.equal(past.headers['x-chatrun-trace-size'], String(bytes.length));
    const bad = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/trace?offset=-1`, headers: { cookie } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'offset');
  });

  test('play starts a manual job once; a reporter may not; a second play is 409 not_manual', async () => {
    const jobId = await runJob('deploy');
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'manual');
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const refused = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/play`, headers: { authorization: `Bearer ${await world.apiToken(reporter)}` } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
    const noOrigin = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/play`, headers: { cookie } });
    assert.equal(noOrigin.statusCode, 403);
    assert.equal(noOrigin.json().error.code, 'cross_origin');
    const wakes = world.wakes.runner;
    const played = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/play`, headers: { cookie, origin: ORIGIN } });
    assert.equal(played.statusCode, 200);
    assert.equal(played.json().job.status, 'pending');
    assert.equal(world.wakes.runner, wakes + 1);
    const again = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/play`, headers: { cookie, origin: ORIGIN } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'not_manual');
  });

  test('cancel cancels a pending job, is audited, and a second cancel is 409 already_finished', async () => {
    const jobId = await runJob('hello-world');
    const canceled = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/cancel`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(canceled.statusCode, 200);
    assert.equal(canceled.json().result, 'canceled');
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'canceled');
    const events = await world.store.audit.list({ jobId });
    assert.ok(events.some((e) => e.decision === 'canceled' && e.userId === developer.id && e.platform === 'web'));
    const again = await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/cancel`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_finished');
  });

  test('replies of a job are listed with their state and message', async () => {
    const jobId = await runJob('hello-world');
    await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/cancel`, headers: { authorization: `Bearer ${token}` } });
    const response = await world.app.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}/replies`, headers: { cookie } });
    assert.equal(response.statusCode, 200);
    const replies = response.json().replies as { kind: string; state: string; platform: string; messageHtml: string }[];
    const result = replies.find((r) => r.kind === 'result');
    assert.ok(result, JSON.stringify(replies));
    assert.equal(result.platform, 'web');
    assert.ok(['pending', 'delivered'].includes(result.state));
    assert.match(result.messageHtml, /chat-message tone-/);
  });

  test('the audit log is for admins, newest first, filtered and paged', async () => {
    const refused = await world.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
    const admin = await world.user({ admin: true });
    const adminToken = await world.apiToken(admin);
    const get = (query: string) => world.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: { authorization: `Bearer ${adminToken}` } });
    const all = await get('?limit=200');
    assert.equal(all.statusCode, 200);
    const events = all.json().events as { id: number; username: string | null; projectPath: string | null; decision: string }[];
    assert.ok(events.length >= 3);
    assert.deepEqual(events.map((e) => e.id), [...events.map((e) => e.id)].sort((a, b) => b - a), 'newest first');
    const mine = (await get(`?user=${developer.username}&project=${encodeURIComponent(project.path)}&decision=accepted`)).json().events as typeof events;
    assert.ok(mine.length > 0 && mine.every((e) => e.username === developer.username && e.projectPath === project.path && e.decision === 'accepted'));
    const nobody = await get('?user=no-such-user');
    assert.deepEqual(nobody.json().events, []);
    const first = (await get('?limit=2')).json();
    assert.equal(first.events.length, 2);
    const second = (await get(`?limit=2&before_id=${first.nextBeforeId}`)).json();
    assert.ok(second.events.every((e: { id: number }) => e.id < first.nextBeforeId));
    const bad = await get('?limit=9999');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'limit');
  });

  test('unknown API paths are JSON 404s', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await world.app.inject({ method, url: '/api/v1/nothing-here', headers: { cookie } });
      assert.equal(response.statusCode, 404, method);
      assert.equal(response.json().error.code, 'not_found');
    }
  });
});
