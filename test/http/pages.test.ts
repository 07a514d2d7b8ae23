import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProjectRecord } from '../../src/ports/store/project-store.js';
import type { UserRecord } from '../../src/ports/store/user-store.js';
import { createHttpWorld, ORIGIN, unique, type HttpWorld } from './http-world.js';

const TRACE =
  '\x1b[0KRunning with chatrun\n\x1b[0;m' +
  'section_start:1700000000:prepare_script\r\x1b[0K\x1b[0K\x1b[36;1mPreparing environment\x1b[0;m\n\x1b[0;m' +
  'Running on box\n' +
  'section_end:1700000001:prepare_script\r\x1b[0K' +
  'section_start:1700000001:step_script[collapsed=true]\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n\x1b[0;m' +
  '\x1b[32;1m$ echo "Hello World."\x1b[0;m\nHello World. <b>not bold</b>\n' +
  'section_end:1700000065:step_script\r\x1b[0K' +
  '\x1b[32;1mJob succeeded\x1b[0;m\n';

describe('web pages', () => {
  let world: HttpWorld;
  let project: ProjectRecord;
  let developer: UserRecord;
  let cookie: string;

  before(async () => {
    world = await createHttpWorld();
    ({ project, developer, cookie } = await world.signedInDeveloper());
  });
  after(async () => world.close());

  async function run(job: string, input = ''): Promise<number> {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/console/commands',
      headers: { cookie, origin: ORIGIN },
      payload: { text: `${project.path} run ${job}${input === '' ? '' : ` ${input}`}` },
    });
    const jobId: unknown = response.json().jobId;
    assert.equal(typeof jobId, 'number', response.body);
    return jobId as number;
  }

  test('the job page shows status, origin, CHAT_INPUT and the trace with colours and collapsible sections', async () => {
    const jobId = await run('echo', 'hi <there> & "you"');
    await world.store.traces.appendTrace(jobId, 0, Buffer.from(TRACE, 'utf8'));
    const response = await world.app.inject({ method: 'GET', url: `/${project.path}/-/jobs/${jobId}`, headers: { cookie } });
    assert.equal(response.statusCode, 200);
    const page = response.body;
    assert.match(page, /<span class="badge status-pending" data-status="pending">pending<\/span>/);
    assert.match(page, new RegExp(`<span title="Name ${developer.username}">${developer.username}</span>`));
    assert.match(page, /<code>web<\/code> in <code>#web-console<\/code>/);
    assert.match(page, /<pre class="chat-input">hi &lt;there&gt; &amp; &quot;you&quot;<\/pre>/, 'CHAT_INPUT, escaped');
    assert.doesNotMatch(page, /section_(start|end)/, 'markers are hidden');
    assert.match(page, /<details class="trace-section" data-section="prepare_script" open><summary class="trace-line trace-header"><span class="term-fg-6 term-bold">Preparing environment<\/span><span class="trace-duration">00:01<\/span><\/summary>/);
    assert.match(page, /<details class="trace-section" data-section="step_script"><summary/, 'collapsed=true starts closed');
    assert.match(page, /<span class="trace-duration">01:04<\/span>/);
    assert.match(page, /<div class="trace-line"><span class="term-fg-2 term-bold">\$ echo &quot;Hello World.&quot;<\/span><\/div>/);
    assert.match(page, /Hello World\. &lt;b&gt;not bold&lt;\/b&gt;/, 'job output is escaped');
    assert.match(page, /data-live="true"/);
    assert.match(page, /id="cancel-button"/, 'a developer may cancel an unfinished job');
    assert.doesNotMatch(page, /id="play-button"/);
  });

  test('a wrong project path in the URL redirects to the job’s own; others’ jobs are 404 pages', async () => {
    const jobId = await run('hello-world');
    const wrong = await world.app.inject({ method: 'GET', url: `/some/other/-/jobs/${jobId}`, headers: { cookie } });
    assert.equal(wrong.statusCode, 301);
    assert.equal(wrong.headers.location, `/${project.path}/-/jobs/${jobId}`);
    const outsider = await world.user();
    const other = await world.signIn(outsider);
    const hidden = await world.app.inject({ method: 'GET', url: `/${project.path}/-/jobs/${jobId}`, headers: { cookie: other } });
    assert.equal(hidden.statusCode, 404);
    assert.match(hidden.body, /Not found/);
    const anonymous = await world.app.inject({ method: 'GET', url: `/${project.path}/-/jobs/${jobId}` });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/-\/sign_in\?return_to=/);
  });

  test('the pipeline URL leads to its job', async () => {
    const jobId = await run('hello-world');
    const job = await world.store.pipelines.getJob(jobId);
    const response = await world.app.inject({ method: 'GET', url: `/${project.path}/-/pipelines/${job?.pipelineId}`, headers: { cookie } });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/${project.path}/-/jobs/${jobId}`);
  });

  test('Play on the job page starts a manual job for a developer; a reporter sees no button and is refused', async () => {
    const jobId = await run('deploy');
    const path = `/${project.path}/-/jobs/${jobId}`;
    const page = await world.app.inject({ method: 'GET', url: path, headers: { cookie } });
    assert.match(page.body, new RegExp(`<form method="post" action="${path}/play"`));
    const reporter = await world.user();
    await world.member(reporter, project, 'reporter');
    const reporterCookie = await world.signIn(reporter);
    const reporterPage = await world.app.inject({ method: 'GET', url: path, headers: { cookie: reporterCookie } });
    assert.equal(reporterPage.statusCode, 200);
    assert.doesNotMatch(reporterPage.body, /play-button|cancel-button/);
    const refused = await world.app.inject({ method: 'POST', url: `${path}/play`, headers: { cookie: reporterCookie, origin: ORIGIN } });
    assert.equal(refused.statusCode, 403);
    const forged = await world.app.inject({ method: 'POST', url: `${path}/play`, headers: { cookie, origin: 'http://evil.test' } });
    assert.equal(forged.statusCode, 403);
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'manual');
    const played = await world.app.inject({ method: 'POST', url: `${path}/play`, headers: { cookie, origin: ORIGIN } });
    assert.equal(played.statusCode, 303);
    assert.equal(played.headers.location, path);
    assert.equal((await world.store.pipelines.getJob(jobId))?.status, 'pending');
  });

  test('the replies section shows each reply’s delivery state', async () => {
    const jobId = await run('hello-world');
    await world.app.inject({ method: 'POST', url: `/api/v1/jobs/${jobId}/cancel`, headers: { cookie, origin: ORIGIN } });
    const page = await world.app.inject({ method: 'GET', url: `/${project.path}/-/jobs/${jobId}`, headers: { cookie } });
    assert.match(page.body, /<li class="reply reply-(pending|delivered)" data-reply-state="(pending|delivered)">/);
    assert.match(page.body, /<span class="reply-kind">result<\/span>/);
    assert.match(page.body, /data-live="false"/);
  });

  test('the link page: sign in first, see the chat account, confirm once', async () => {
    const slackUser = unique('U');
    // An unlinked Slack user gets a link from the chat command use case.
    const { handleChatCommand } = await import('../../src/app/handle-chat-command.js');
    const refused = await handleChatCommand(world.commandDeps, {
      platform: 'slack',
      teamId: 'T9',
      teamDomain: 'acme',
      channelId: 'C9',
      channelName: 'ops',
      chatUserId: slackUser,
      chatUserName: 'roadrunner',
      command: '/chatrun',
      text: 'help',
      requestKey: unique('slack:T9:trigger:'),
    });
    const linkUrl = /\((http[^)]+\/-\/chat\/link\/[^)]+)\)/.exec(refused.message.text)?.[1];
    assert.ok(linkUrl, refused.message.text);
    const path = new URL(linkUrl).pathname;

    const anonymous = await world.app.inject({ method: 'GET', url: path });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, `/-/sign_in?return_to=${encodeURIComponent(path)}`);
    const signInPage = await world.app.inject({ method: 'GET', url: String(anonymous.headers.location) });
    assert.match(signInPage.body, /Sign in to connect your chat account\./);

    const user = await world.user();
    const userCookie = await world.signIn(user);
    const page = await world.app.inject({ method: 'GET', url: path, headers: { cookie: userCookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<code>slack<\/code>/);
    assert.match(page.body, /<code>@roadrunner<\/code>/);
    assert.match(page.body, /<code>T9<\/code>|acme \(T9\)/);
    assert.match(page.body, new RegExp(`<form method="post" action="${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));

    const forged = await world.app.inject({ method: 'POST', url: path, headers: { cookie: userCookie, origin: 'http://evil.test' } });
    assert.equal(forged.statusCode, 403);
    const confirmed = await world.app.inject({ method: 'POST', url: path, headers: { cookie: userCookie, origin: ORIGIN } });
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /Chat account connected/);
    const identity = await world.store.chatIdentities.find('slack', 'T9', slackUser);
    assert.equal(identity?.userId, user.id);

    const again = await world.app.inject({ method: 'POST', url: path, headers: { cookie: userCookie, origin: ORIGIN } });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /already used/);
    const reopened = await world.app.inject({ method: 'GET', url: path, headers: { cookie: userCookie } });
    assert.equal(reopened.statusCode, 410);
  });

  test('expired and unknown link tokens get their own pages', async () => {
    const { handleChatCommand } = await import('../../src/app/handle-chat-command.js');
    const refused = await handleChatCommand(world.commandDeps, {
      platform: 'mattermost',
      teamId: 'team9',
      channelId: 'ch9',
      channelName: 'town-square',
      chatUserId: unique('mm'),
      chatUserName: 'wile',
      command: '/chatrun',
      text: 'help',
      requestKey: unique('mattermost:team9:trigger:'),
    });
    const path = new URL(/\((http[^)]+\/-\/chat\/link\/[^)]+)\)/.exec(refused.message.text)?.[1] ?? '').pathname;
    world.clock.advance(11 * 60 * 1000);
    const expired = await world.app.inject({ method: 'GET', url: path, headers: { cookie } });
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /This link has expired/);
    const confirm = await world.app.inject({ method: 'POST', url: path, headers: { cookie, origin: ORIGIN } });
    assert.equal(confirm.statusCode, 410);
    const unknown = await world.app.inject({ method: 'GET', url: `/-/chat/link/crl_${'x'.repeat(43)}`, headers: { cookie } });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Unknown link/);
  });

  test('the audit page is for admins, newest first, with filters', async () => {
    const refused = await world.app.inject({ method: 'GET', url: '/-/admin/audit', headers: { cookie } });
    assert.equal(refused.statusCode, 403);
    const admin = await world.user({ admin: true });
    const adminCookie = await world.signIn(admin);
    const page = await world.app.inject({ method: 'GET', url: '/-/admin/audit', headers: { cookie: adminCookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<table class="audit-table">/);
    assert.match(page.body, /<a href="\/-\/admin\/audit">Audit log<\/a>/, 'admins see the menu entry');
    const filtered = await world.app.inject({
      method: 'GET',
      url: `/-/admin/audit?user=${developer.username}&decision=accepted&project=${encodeURIComponent(project.path)}`,
      headers: { cookie: adminCookie },
    });
    const rows = [...filtered.body.matchAll(/<tr class="audit-row" data-decision="([a-z_]+)">/g)].map((m) => m[1]);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((d) => d === 'accepted'));
    assert.match(filtered.body, /<option value="accepted" selected>accepted<\/option>/);
    assert.match(filtered.body, new RegExp(`<a href="/${project.path}/-/jobs/\\d+">#\\d+</a>`));
  });

  test('the console offers a project picker to members of several projects', async () => {
    const single = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie } });
    assert.match(single.body, new RegExp(`<span class="project-only">Project <code>${project.path}</code></span>`));
    assert.match(single.body, /<script type="module" src="\/-\/assets\/console.js"><\/script>/);
    const second = await world.project();
    const user = await world.user();
    await world.member(user, project, 'developer');
    await world.member(user, second, 'maintainer');
    const page = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie: await world.signIn(user) } });
    assert.match(page.body, /<select id="project" name="project">/);
    assert.match(page.body, new RegExp(`<option value="${second.path}"(?: selected)?>${second.path} \\(maintainer\\)</option>`));
    const root = await world.app.inject({ method: 'GET', url: '/' });
    assert.equal(root.headers.location, '/-/console');
  });

  test('health, metrics, assets and unknown pages', async () => {
    const health = await world.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { ok: true, database: 'reachable' });
    const metrics = await world.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(String(metrics.headers['content-type']), /^text\/plain/);
    assert.match(metrics.body, /# TYPE chatrun_commands_total counter/);
    for (const [name, type] of [['chatrun.css', /^text\/css/], ['console.js', /^text\/javascript/], ['job.js', /^text\/javascript/], ['term-render.js', /^text\/javascript/]] as const) {
      const asset = await world.app.inject({ method: 'GET', url: `/-/assets/${name}` });
      assert.equal(asset.statusCode, 200, name);
      assert.match(String(asset.headers['content-type']), type);
    }
    for (const name of ['..%2Fweb-assets.ts', 'nope.js', '..%2F..%2Fpackage.json']) {
      const asset = await world.app.inject({ method: 'GET', url: `/-/assets/${name}` });
      assert.equal(asset.statusCode, 404, name);
    }
    const unknown = await world.app.inject({ method: 'GET', url: '/no/such/page', headers: { cookie } });
    assert.equal(unknown.statusCode, 404);
    assert.match(String(unknown.headers['content-type']), /^text\/html/);
  });

  test('health says 503 when the database is gone', async () => {
    const broken = await createHttpWorld();
    await broken.store.close();
    try {
      const health = await broken.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 503);
      assert.deepEqual(health.json(), { ok: false, database: 'unreachable' });
    } finally {
      await broken.close().catch(() => undefined);
    }
  });
});
