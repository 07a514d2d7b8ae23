import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideRunAccess, decideProjectAccess, effectiveRole } from './access-decision.js';
import { ROLES, roleAtLeast, isRole, type Role } from './role.js';

const alice = { username: 'alice', admin: false };
const root = { username: 'root', admin: true };

describe('roles', () => {
  test('are ordered guest < reporter < developer < maintainer < owner', () => {
    assert.deepEqual([...ROLES], ['guest', 'reporter', 'developer', 'maintainer', 'owner']);
    for (const [i, role] of ROLES.entries()) {
      for (const [j, min] of ROLES.entries()) assert.equal(roleAtLeast(role, min), i >= j, `${role} >= ${min}`);
    }
  });

  test('isRole accepts only the five role names', () => {
    for (const role of ROLES) assert.equal(isRole(role), true);
    for (const text of ['Developer', 'admin', '', 3, undefined]) assert.equal(isRole(text), false);
  });
});

describe('decideRunAccess', () => {
  const table: Array<[string, Role | undefined, boolean, string | undefined]> = [
    ['guest', 'guest', false, 'role_too_low'],
    ['reporter', 'reporter', false, 'role_too_low'],
    ['developer', 'developer', true, undefined],
    ['maintainer', 'maintainer', true, undefined],
    ['owner', 'owner', true, undefined],
    ['no membership', undefined, false, 'not_member'],
  ];
  for (const [label, role, allowed, reason] of table) {
    test(`a ${label} ${allowed ? 'may' : 'may not'} run`, () => {
      const decision = decideRunAccess({
        user: alice,
        membership: role === undefined ? undefined : { role },
        projectPath: 'ops/infra',
      });
      assert.equal(decision.allowed, allowed);
      if (!decision.allowed) {
        assert.equal(decision.reason, reason);
        assert.equal(decision.projectPath, 'ops/infra');
        assert.equal(decision.needed, 'developer');
        assert.equal(decision.actual, role);
      } else {
        assert.equal(decision.role, role);
      }
    });
  }

  test('an unlinked chat user is refused as not_linked, before membership is considered', () => {
    const decision = decideRunAccess({ user: undefined, membership: { role: 'owner' }, projectPath: 'ops/infra' });
    assert.deepEqual(decision, { allowed: false, reason: 'not_linked', projectPath: 'ops/infra', needed: 'developer' });
  });

  test('an admin is an owner of every project, member or not', () => {
    assert.deepEqual(decideRunAccess({ user: root, membership: undefined, projectPath: 'x/y' }), { allowed: true, role: 'owner' });
    assert.deepEqual(decideRunAccess({ user: root, membership: { role: 'guest' }, projectPath: 'x/y' }), {
      allowed: true,
      role: 'owner',
    });
    assert.equal(effectiveRole(root, undefined), 'owner');
  });
});

test('decideProjectAccess checks any needed role', () => {
  const asReporter = { user: alice, membership: { role: 'reporter' as const }, projectPath: 'p' };
  assert.equal(decideProjectAccess(asReporter, 'reporter').allowed, true);
  const refused = decideProjectAccess(asReporter, 'maintainer');
  assert.deepEqual(refused, { allowed: false, reason: 'role_too_low', projectPath: 'p', needed: 'maintainer', actual: 'reporter' });
});
