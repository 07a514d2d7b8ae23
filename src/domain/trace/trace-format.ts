/**
 * The bytes GitLab Runner writes around a job's own output, so that traces
 * written by chatrun look like (and parse like) a runner's:
 *
 * - logger lines (`Running with …`, section headers) start with `\x1b[0K`
 *   and end with `\n\x1b[0;m`, as the runner's logger writes them (hence the
 *   reset at the start of the line after a header);
 * - a section opens with `section_start:<unix s>:<name>\r\x1b[0K` directly
 *   followed by its bold cyan header, and closes with
 *   `section_end:<unix s>:<name>\r\x1b[0K`;
 * - runner notices are bold green, warnings yellow, errors bold red, each
 *   reset before the newline.
 */
const ERASE_LINE = '\x1b[0K';
const RESET = '\x1b[0;m';
const BOLD_CYAN = '\x1b[36;1m';
const BOLD_GREEN = '\x1b[32;1m';
const BOLD_RED = '\x1b[31;1m';
const YELLOW = '\x1b[0;33m';

/** Section names the runner itself writes, in order. */
export type RunnerSectionName = 'prepare_script' | 'get_sources' | 'step_script' | 'after_script';

export const SECTION_HEADERS: Readonly<Record<RunnerSectionName, string>> = {
  prepare_script: 'Preparing environment',
  get_sources: 'Getting source from Git repository',
  step_script: 'Executing "step_script" stage of the job script',
  after_script: 'Running after_script',
};

function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

export function sectionStartMarker(name: string, at: Date): string {
  return `section_start:${unixSeconds(at)}:${name}\r${ERASE_LINE}`;
}

export function sectionEndMarker(name: string, at: Date): string {
  return `section_end:${unixSeconds(at)}:${name}\r${ERASE_LINE}`;
}

export function loggerLine(text: string): string {
  return `${ERASE_LINE}${text}\n${RESET}`;
}

export function sectionHeaderLine(header: string): string {
  return loggerLine(`${BOLD_CYAN}${header}${RESET}`);
}

export function noticeLine(text: string): string {
  return `${BOLD_GREEN}${text}${RESET}\n`;
}

export function warningLine(text: string): string {
  return `${YELLOW}WARNING: ${text}${RESET}\n`;
}

export function errorLine(text: string): string {
  return `${BOLD_RED}ERROR: ${text}${RESET}\n`;
}

export function plainLine(text: string): string {
  return `${text}\n`;
}

/** The notice written once when the trace reaches its size limit. */
export function traceLimitNotice(limitBytes: number): string {
  return (
    `\n${YELLOW}Job's log exceeded limit of ${limitBytes} bytes.\n` +
    `Job execution will continue but no more output will be collected.${RESET}\n`
  );
}
