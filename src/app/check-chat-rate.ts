/**
 * The per-chat-user command rate limit (SPEC section 2: default 30 a
 * minute), counted from the audit log, which every replica shares, so the
 * limit holds however many servers answer commands.
 *
 * What counts: every command this chat account sent in the last minute,
 * except those refused for the rate itself, those refused because the server
 * was busy (it told them to try again; that must not cost them), and
 * redeliveries of one command.
 * Refused ones must not count, or a user hammering the command would lock
 * themselves out for as long as they keep trying; the retry time told to
 * them would then be wrong too (src/domain/rate-limit says the same).
 *
 * Call before the command's own audit event is written: the count is of
 * earlier commands. Two commands judged at the same instant on two replicas
 * can both pass at the limit; the next one sees both.
 */
import type { RateDecision } from '../domain/rate-limit/rate-decision.js';
import { decideRate, rateWindowStart } from '../domain/rate-limit/rate-decision.js';
import type { AuditLog, ChatAccountKey } from '../ports/store/audit-log.js';
import type { CommandOutcome } from '../domain/chat-command/command-outcome.js';

const NOT_COUNTED: ReadonlySet<string> = new Set<CommandOutcome>(['rate_limited', 'refused_busy', 'duplicate']);
const PAGE = 200;

export async function checkChatRate(
  audit: AuditLog,
  input: { readonly account: ChatAccountKey; readonly limitPerMinute: number; readonly now: number },
): Promise<RateDecision> {
  const { account, limitPerMinute, now } = input;
  if (limitPerMinute <= 0) return { allowed: true };
  // The window is (now - 60 s, now]; the store counts `at >= since`.
  const since = rateWindowStart(now) + 1;
  // One COUNT answers almost every command; only a user near the limit costs a listing.
  const everything = await audit.countByChatUser(account, since);
  if (everything < limitPerMinute) return { allowed: true };

  const counted: number[] = [];
  let beforeId: number | undefined;
  while (counted.length < limitPerMinute) {
    const page = await audit.list({
      platform: account.platform,
      chatUserId: account.chatUserId,
      ...(account.teamId === null ? {} : { teamId: account.teamId }),
      since,
      limit: PAGE,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    for (const event of page) {
      if (event.teamId !== account.teamId || NOT_COUNTED.has(event.decision)) continue;
      counted.push(event.at);
      if (counted.length === limitPerMinute) break;
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined) break;
    beforeId = last.id;
  }
  return decideRate({ recentTimestamps: counted, limitPerMinute, now });
}
