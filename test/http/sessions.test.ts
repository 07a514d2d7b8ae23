import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpWorld, ORIGIN, PASSWORD, sessionCookie, type HttpWorld } from './http-world.js';

const form = (fields: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  payload: new URLSearchParams(fields).toString(),
});

describe('web sessions', () => {
  let world: HttpWorld;
  before(async () => {
    world = await createHttpWorld({ sessionTtlMs: 60 * 60 * 1000 });
  });
  after(async () => world.close());

  const signInRequest = (fields: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) => {
    const { payload, ...contentType } = form(fields);
    return world.app.inject({ method: 'POST', url: '/-/sign_in', headers: { ...contentType, ...headers }, payload });
  };

  test('pages need a session: the console redirects to sign-in and back', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/-/console' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/-/sign_in?return_to=%2F-%2Fconsole');
    const page = await world.app.inject({ method: 'GET', url: '/-/sign_in?return_to=%2F-%2Fconsole' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<input type="hidden" name="return_to" value="\/-\/console">/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  });

  test('a right password signs in with an HttpOnly, SameSite=Lax cookie that opens the console', async () => {
    const user = await world.user();
    const response = await signInRequest({ username: user.username, password: PASSWORD, return_to: '/-/console' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/-/console');
    const cookie = response.cookies.find((c) => c.name === 'chatrun_session');
    assert.ok(cookie);
    assert.match(cookie.value, /^crs_[A-Za-z0-9_-]{43}$/);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.notEqual(cookie.secure, true, 'not Secure over http');
    assert.equal(cookie.maxAge, 3600);
    const consolePage = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie: sessionCookie(response) } });
    assert.equal(consolePage.statusCode, 200);
    assert.match(consolePage.body, new RegExp(`data-user="${user.username}"`));
  });

  test('a wrong password and an unknown user get the same 401 page and no cookie', async () => {
    const user = await world.user();
    for (const fields of [
      { username: user.username, password: 'wrong' },
      { username: 'nobody-at-all', password: PASSWORD },
      { username: '', password: '' },
    ]) {
      const response = await signInRequest(fields);
      assert.equal(response.statusCode, 401);
      assert.match(response.body, /Wrong username or password\./);
      assert.equal(response.cookies.length, 0);
    }
  });

  test('a user without a password cannot sign in', async () => {
    const user = await world.user({ password: null });
    const response = await signInRequest({ username: user.username, password: '' });
    assert.equal(response.statusCode, 401);
  });

  test('sign-in from another site (or with no Origin) is refused', async () => {
    const user = await world.user();
    const fields = { username: user.username, password: PASSWORD };
    const cases: Record<string, string>[] = [{ origin: 'http://evil.test' }, {}, { referer: 'http://evil.test/page' }];
    for (const headers of cases) {
      const response = await signInRequest(fields, headers);
      assert.equal(response.statusCode, 403, JSON.stringify(headers));
      assert.equal(response.cookies.length, 0);
    }
    const viaReferer = await signInRequest(fields, { referer: `${ORIGIN}/-/sign_in` });
    assert.equal(viaReferer.statusCode, 303, 'a same-origin Referer is enough');
  });

  test('return_to sends the person back, but never to another host', async () => {
    const user = await world.user();
    const back = await signInRequest({ username: user.username, password: PASSWORD, return_to: '/-/chat/link/crl_x' });
    assert.equal(back.headers.location, '/-/chat/link/crl_x');
    for (const evil of ['//evil.test/x', 'http://evil.test/', '/\\evil.test']) {
      const response = await signInRequest({ username: user.username, password: PASSWORD, return_to: evil });
      assert.equal(response.headers.location, '/-/console', evil);
    }
  });

  test('sign-out ends the session in the store, not only in the browser', async () => {
    const user = await world.user();
    const cookie = await world.signIn(user);
    const out = await world.app.inject({ method: 'POST', url: '/-/sign_out', headers: { cookie, origin: ORIGIN } });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/-/sign_in');
    const cleared = out.cookies.find((c) => c.name === 'chatrun_session');
    assert.equal(cleared?.value, '');
    const again = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie } });
    assert.equal(again.statusCode, 303, 'the old cookie no longer works');
  });

  test('sign-out from another site is refused and keeps the session', async () => {
    const user = await world.user();
    const cookie = await world.signIn(user);
    const out = await world.app.inject({ method: 'POST', url: '/-/sign_out', headers: { cookie, origin: 'http://evil.test' } });
    assert.equal(out.statusCode, 403);
    const still = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie } });
    assert.equal(still.statusCode, 200);
  });

  test('a session expires after its TTL', async () => {
    const user = await world.user();
    const cookie = await world.signIn(user);
    world.clock.advance(60 * 60 * 1000 + 1);
    const response = await world.app.inject({ method: 'GET', url: '/-/console', headers: { cookie } });
    assert.equal(response.statusCode, 303);
  });

  test('a forged session cookie is anonymous', async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: '/-/console',
      headers: { cookie: `chatrun_session=crs_${'A'.repeat(43)}` },
    });
    assert.equal(response.statusCode, 303);
  });

  test('signed in, the sign-in page goes straight to the console', async () => {
    const user = await world.user();
    const cookie = await world.signIn(user);
    const response = await world.app.inject({ method: 'GET', url: '/-/sign_in', headers: { cookie } });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/-/console');
  });
});

describe('web sessions over https', () => {
  test('the session cookie is Secure when the external URL is https', async () => {
    const world = await createHttpWorld({ externalUrl: 'https://chatrun.example' });
    try {
      const user = await world.user();
      const response = await world.app.inject({
        method: 'POST',
        url: '/-/sign_in',
        headers: { origin: 'https://chatrun.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ username: user.username, password: PASSWORD }).toString(),
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.cookies.find((c) => c.name === 'chatrun_session')?.secure, true);
    } finally {
      await world.close();
    }
  });
});
