/**
 * The audit log's filters as they arrive in a query string (API and page
 * alike): `project`, `user` (a username), `decision`, `platform`, `job`,
 * `since`/`until` (epoch ms or ISO 8601), `before_id` (paging: the smallest
 * id of the previous page) and `limit` (1–200, default 50). A filter that
 * cannot match (unknown user) is reported so the caller answers "none".
 */
import type { AuditFilter } from '../ports/store/audit-log.js';
import type { Store } from '../ports/store/store.js';

export type AuditQuery =
  | { readonly ok: true; readonly filter: AuditFilter; readonly matchesNothing: boolean; readonly given: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly field: string; readonly message: string };

const MAX_LIMIT = 200;

export async function readAuditQuery(store: Store, query: unknown): Promise<AuditQuery> {
  const given = textFields(query);
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  let matchesNothing = false;
  if (given['project']) filter.projectPath = given['project'];
  if (given['decision']) filter.decision = given['decision'];
  if (given['platform']) filter.platform = given['platform'];
  if (given['user']) {
    const user = await store.users.getByUsername(given['user']);
    if (user === undefined) matchesNothing = true;
    else filter.userId = user.id;
  }
  for (const [field, key] of [['job', 'jobId'], ['before_id', 'beforeId']] as const) {
    const text = given[field];
    if (!text) continue;
    if (!/^[1-9][0-9]{0,15}$/.test(text)) return { ok: false, field, message: `${field} must be a positive whole number.` };
    filter[key] = Number(text);
  }
  for (const field of ['since', 'until'] as const) {
    const text = given[field];
    if (!text) continue;
    const at = /^[0-9]{1,15}$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(at)) return { ok: false, field, message: `${field} must be epoch milliseconds or an ISO 8601 time.` };
    filter[field] = at;
  }
  const limitText = given['limit'];
  if (limitText) {
    const limit = /^[0-9]{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return { ok: false, field: 'limit', message: `limit must be between 1 and ${MAX_LIMIT}.` };
    filter.limit = limit;
  }
  return { ok: true, filter, matchesNothing, given };
}

function textFields(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string') out[key] = text.trim();
  }
  return out;
}
