/**
 * What `chatrun exec` learns from git about the checkout it runs in: the
 * HEAD commit, the branch, and the developer's user.name / user.email,
 * read by three git processes at once (src/cli/rehearse-job.ts). Settings
 * must come out as `git config --get` gives them: the last value wins, and
 * an empty value counts as unset. The compiled CLI runs in a child process
 * whose git never reads the machine's global or system config.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import { chatrunBinary, runChatrun } from './chatrun-process.js';
import { createGitRepo, REPO_AUTHOR_EMAIL, REPO_AUTHOR_NAME, type GitRepoOptions, type GitRepo } from '../support/git-repo.js';

const binary = chatrunBinary();
const skip = binary.ok ? false : binary.skip;
const chatrun = binary.ok ? binary.path : '';
const ISOLATED_GIT = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const PRINT_FACTS =
  'job:\n  script:\n    - echo "$CI_COMMIT_SHA|$CI_COMMIT_BRANCH|$CI_COMMIT_AUTHOR|$CI_COMMIT_TITLE|$GITLAB_USER_LOGIN|$GITLAB_USER_NAME|$GITLAB_USER_EMAIL"\n';

const repos: GitRepo[] = [];
after(() => {
  for (const repo of repos) repo.remove();
});

function repo(options: GitRepoOptions): GitRepo {
  const created = createGitRepo({ prefix: 'chatrun-exec-facts-', files: { '.gitlab-ci.yml': PRINT_FACTS }, ...options });
  repos.push(created);
  return created;
}

async function facts(dir: string): Promise<string[]> {
  const run = await runChatrun(chatrun, ['exec', 'job'], { cwd: dir, env: ISOLATED_GIT });
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split('|');
}

describe('chatrun exec: facts of the checkout', { skip, concurrency: 3 }, () => {
  test('commit, branch and author come from HEAD; of two user.name values the last one wins', async () => {
    const project = repo({ branch: 'release', message: 'Ship it\n\nwith a body' });
    project.git('config', '--add', 'user.name', 'Second Name');
    const [sha, branch, author, title, login, name, email] = await facts(project.dir);
    assert.equal(sha, project.headSha());
    assert.equal(branch, 'release');
    assert.equal(author, `${REPO_AUTHOR_NAME} <${REPO_AUTHOR_EMAIL}>`);
    assert.equal(title, 'Ship it');
    assert.equal(login, userInfo().username);
    assert.equal(name, 'Second Name');
    assert.equal(email, REPO_AUTHOR_EMAIL);
  });

  test('without user.name the name is the OS login; an empty user.email is no email', async () => {
    const project = repo({});
    project.git('config', '--unset', 'user.name');
    project.git('config', 'user.email', '');
    const [, , , , login, name, email] = await facts(project.dir);
    assert.equal(name, userInfo().username);
    assert.equal(login, userInfo().username);
    assert.equal(email, '');
  });

  test('a repository without a commit yet: zero SHA, no author, the branch HEAD names', async () => {
    const project = repo({ branch: 'first', commit: false });
    const [sha, branch, author, title, , name] = await facts(project.dir);
    assert.equal(sha, '0'.repeat(40));
    assert.equal(branch, 'first');
    assert.equal(author, '');
    assert.equal(title, '');
    assert.equal(name, REPO_AUTHOR_NAME);
  });
});
