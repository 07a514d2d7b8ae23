/**
 * The two JSON files of a scenario folder, validated so that a typo in a
 * scenario fails loudly instead of silently checking nothing.
 *
 * command.json — what is typed in chat:
 *   job      the job name (`/chatrun run JOB`)
 *   input    the text after it (CHAT_INPUT); omitted: no --input
 *   channel  the channel name (CHAT_CHANNEL); omitted: chatrun's default
 *   env      extra environment for chatrun exec (passed through to the job)
 *
 * expected.json — what must come out (every field but `exit` optional):
 *   exit                  chatrun's exit code
 *   reply                 stdout exactly (the chat reply text)
 *   replyContains         substring(s) of stdout
 *   replyNotContains      substring(s) stdout must not hold
 *   replyMatches          a JavaScript regular expression (flag `s`) stdout must match
 *   replyEqualsOutputOf   a bash command run in the repository after the job; stdout
 *                         must equal its output minus trailing newlines
 *   status                success | failed | canceled, read from the trace's last line
 *   failureReason         GitLab's failure reason, read from the same line
 *   stderrContains        substring(s) of stderr (refusals and notes)
 *   traceContains         substring(s) of the trace (stderr, markers and colours removed)
 *   traceNotContains      substring(s) the trace must not hold
 *   maxSeconds            chatrun must have exited within this many seconds
 *   noProcessLeft         no process may still carry the scenario's marker
 *                         ($CHATRUN_SCENARIO_MARKER, unique per run) in its command line
 *   skip                  a reason: the scenario is reported as skipped
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FAILURE_REASONS } from '../../src/domain/job/failure-reason.js';

const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((value) => (typeof value === 'string' ? [value] : value));

const commandSchema = z.strictObject({
  job: z.string().min(1),
  input: z.string().optional(),
  channel: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

const expectedSchema = z.strictObject({
  exit: z.number().int().min(0).max(255),
  reply: z.string().optional(),
  replyContains: oneOrMany.optional(),
  replyNotContains: oneOrMany.optional(),
  replyMatches: z.string().optional(),
  replyEqualsOutputOf: z.string().optional(),
  status: z.enum(['success', 'failed', 'canceled']).optional(),
  failureReason: z.enum(FAILURE_REASONS).optional(),
  stderrContains: oneOrMany.optional(),
  traceContains: oneOrMany.optional(),
  traceNotContains: oneOrMany.optional(),
  maxSeconds: z.number().positive().optional(),
  noProcessLeft: z.boolean().optional(),
  skip: z.string().optional(),
});

export type ScenarioCommand = z.infer<typeof commandSchema>;
export type ScenarioExpectation = z.infer<typeof expectedSchema>;

export interface Scenario {
  readonly name: string;
  readonly dir: string;
  readonly command: ScenarioCommand;
  readonly expected: ScenarioExpectation;
}

/** The files of a scenario folder that describe it rather than belong to the repository. */
export const SCENARIO_META_FILES: readonly string[] = ['command.json', 'expected.json'];

export type ScenarioRead = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: string };

export function readScenario(dir: string, name: string): ScenarioRead {
  const command = parseFile(join(dir, 'command.json'), commandSchema);
  if (!command.ok) return command;
  const expected = parseFile(join(dir, 'expected.json'), expectedSchema);
  if (!expected.ok) return expected;
  return { ok: true, scenario: { name, dir, command: command.value, expected: expected.value } };
}

function parseFile<T>(path: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `${path}: ${z.prettifyError(parsed.error)}` };
}
