/**
 * `chatrun audit [--limit N]`: the newest audit events, newest first — who
 * ran what, where, and what chatrun decided.
 */
import type { Command } from 'commander';
import type { AuditEventRecord } from '../ports/store/audit-log.js';
import type { Store } from '../ports/store/store.js';
import { storeOptions, withAdminStore, type AdminIo, type AdminOutput } from './admin-store.js';
import { formatTable } from './text-table.js';

const MAX_TEXT = 60;

function who(event: AuditEventRecord): string {
  const chat = event.platform === null ? '' : `${event.platform}:${event.chatUserId ?? '?'}`;
  if (event.username !== null) return chat === '' ? event.username : `${event.username} (${chat})`;
  return chat === '' ? '-' : chat;
}

function oneLine(text: string | null): string {
  if (text === null || text === '') return '-';
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

export async function listAudit(store: Store, limit: number, output: AdminOutput): Promise<number> {
  const events = await store.audit.list({ limit });
  if (events.length === 0) {
    output.stdout.write('no audit events\n');
    return 0;
  }
  const rows = events.map((event) => [
    String(event.id),
    new Date(event.at).toISOString(),
    who(event),
    event.channelName ?? event.channelId ?? '-',
    event.projectPath ?? '-',
    event.decision + (event.reason === null ? '' : ` (${oneLine(event.reason)})`),
    event.jobId === null ? '-' : `#${event.jobId}${event.outcome === null ? '' : ` ${event.outcome}`}`,
    oneLine(event.text),
  ]);
  output.stdout.write(formatTable(['ID', 'AT', 'WHO', 'CHANNEL', 'PROJECT', 'DECISION', 'JOB', 'TEXT'], rows));
  return 0;
}

export function registerAuditCommand(program: Command, io: AdminIo): void {
  program
    .command('audit')
    .description('show the newest audit events')
    .option('--limit <n>', 'how many events', '50')
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (options: { limit: string; config?: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        io.stderr.write(`--limit must be a whole number from 1 to 10000, not "${options.limit}"\n`);
        io.setExitCode(1);
        return;
      }
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => listAudit(store, limit, io)));
    });
}
