/**
 * Finds the collapsible sections of a job trace exactly as GitLab does, so a
 * trace shows the same sections in chatrun, in GitLab, and to a `chat_reply`
 * script author.
 *
 * A marker is `section_(start|end):<digits>:<name>[<options>]\r\x1b[0K`, found
 * anywhere in a line. GitLab probes every occurrence of `section_`; a probe
 * that does not match skips those 8 bytes and the scan goes on. A name is
 * `[A-Za-z0-9_.-]+`; options, when present, are `[k=v]` or `[k=v,k=v]` (one
 * optional space after each comma) of ASCII word characters, else the whole
 * marker is invalid. A section exists only when its name has exactly two
 * markers, a start and then an end; anything else (a name used twice, an end
 * before its start, an unterminated start) yields nothing for that name.
 * Sections may nest and are listed in the order their names first appear.
 *
 * Offsets are bytes: `byteStart` is the first byte after the start marker,
 * `byteEnd` the first byte of the end marker, so `[byteStart, byteEnd)` is
 * exactly what the job printed between them. GitLab walks the trace line by
 * line, but no marker can contain `\n`, so scanning the whole buffer at once
 * finds the same markers. Each probe reads only the bytes of its own marker
 * candidate and candidates cannot overlap past their `section_` prefix, so the
 * parse is linear in the trace size.
 */
import { Buffer } from 'node:buffer';

export interface TraceSection {
  readonly name: string;
  /** First byte after the start marker (after its options and `\r\x1b[0K`). */
  readonly byteStart: number;
  /** First byte of the end marker. */
  readonly byteEnd: number;
  /** Unix seconds written in the start marker. */
  readonly dateStart: number;
  /** Unix seconds written in the end marker. */
  readonly dateEnd: number;
  /** The start marker's `[key=value,…]` options, when it had any. */
  readonly options?: Readonly<Record<string, string>>;
}

interface Marker {
  readonly kind: 'start' | 'end';
  readonly date: number;
  readonly name: string;
  readonly options?: Readonly<Record<string, string>>;
  /** Where the marker begins and where the byte after it is. */
  readonly at: number;
  readonly after: number;
}

const PROBE = Buffer.from('section_', 'latin1');
const START = Buffer.from('start:', 'latin1');
const END = Buffer.from('end:', 'latin1');
const TERMINATOR = Buffer.from('\r\x1b[0K', 'latin1');

const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const EQUALS = 0x3d;
const COMMA = 0x2c;
const SPACE = 0x20;

export function parseTraceSections(trace: Uint8Array): TraceSection[] {
  const bytes = Buffer.from(trace.buffer, trace.byteOffset, trace.byteLength);
  const markersByName = new Map<string, { first?: Marker; second?: Marker; count: number }>();

  let at = bytes.indexOf(PROBE, 0);
  while (at >= 0) {
    const marker = matchMarker(bytes, at);
    if (marker === undefined) {
      const next = at + PROBE.length;
      // Runs of `section_section_…` are probed without a native call each.
      at = startsWithAt(bytes, next, PROBE) ? next : bytes.indexOf(PROBE, next);
      continue;
    }
    at = bytes.indexOf(PROBE, marker.after);
    const seen = markersByName.get(marker.name) ?? { count: 0 };
    if (seen.count === 0) seen.first = marker;
    else if (seen.count === 1) seen.second = marker;
    seen.count += 1;
    markersByName.set(marker.name, seen);
  }

  const sections: TraceSection[] = [];
  for (const [name, seen] of markersByName) {
    const { first, second } = seen;
    if (seen.count !== 2 || first?.kind !== 'start' || second?.kind !== 'end') continue;
    sections.push({
      name,
      byteStart: first.after,
      byteEnd: second.at,
      dateStart: first.date,
      dateEnd: second.date,
      ...(first.options === undefined ? {} : { options: first.options }),
    });
  }
  return sections;
}

/** Anchored match of one marker at `at`, where `section_` was found. */
function matchMarker(bytes: Buffer, at: number): Marker | undefined {
  let i = at + PROBE.length;
  let kind: Marker['kind'];
  if (startsWithAt(bytes, i, START)) {
    kind = 'start';
    i += START.length;
  } else if (startsWithAt(bytes, i, END)) {
    kind = 'end';
    i += END.length;
  } else {
    return undefined;
  }

  const digitsFrom = i;
  while (i < bytes.length && isDigit(bytes[i] ?? 0)) i += 1;
  if (i === digitsFrom || bytes[i] !== COLON) return undefined;
  const date = Number(bytes.toString('latin1', digitsFrom, i));
  i += 1;

  const nameFrom = i;
  while (i < bytes.length && isNameByte(bytes[i] ?? 0)) i += 1;
  if (i === nameFrom) return undefined;
  const name = bytes.toString('latin1', nameFrom, i);

  let options: Record<string, string> | undefined;
  if (bytes[i] === OPEN_BRACKET) {
    const parsed = matchOptions(bytes, i);
    if (parsed === undefined) return undefined;
    options = parsed.options;
    i = parsed.after;
  }

  if (!startsWithAt(bytes, i, TERMINATOR)) return undefined;
  i += TERMINATOR.length;
  return { kind, date, name, at, after: i, ...(options === undefined ? {} : { options }) };
}

/** `[\w+=\w+(, ?\w+=\w+)*]` starting at the `[`. */
function matchOptions(
  bytes: Buffer,
  open: number,
): { options: Record<string, string>; after: number } | undefined {
  // Entries, not assignment: a key named `__proto__` must stay an own property.
  const entries: [string, string][] = [];
  let i = open + 1;
  for (;;) {
    const keyFrom = i;
    while (i < bytes.length && isWordByte(bytes[i] ?? 0)) i += 1;
    if (i === keyFrom || bytes[i] !== EQUALS) return undefined;
    const key = bytes.toString('latin1', keyFrom, i);
    i += 1;
    const valueFrom = i;
    while (i < bytes.length && isWordByte(bytes[i] ?? 0)) i += 1;
    if (i === valueFrom) return undefined;
    entries.push([key, bytes.toString('latin1', valueFrom, i)]);
    if (bytes[i] === CLOSE_BRACKET) return { options: Object.fromEntries(entries), after: i + 1 };
    if (bytes[i] !== COMMA) return undefined;
    i += 1;
    if (bytes[i] === SPACE) i += 1;
  }
}

// A plain loop: these needles are a few bytes long, and a native call per
// probe would cost more than the comparison itself.
function startsWithAt(bytes: Buffer, at: number, expected: Buffer): boolean {
  if (at + expected.length > bytes.length) return false;
  for (let k = 0; k < expected.length; k += 1) {
    if (bytes[at + k] !== expected[k]) return false;
  }
  return true;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** Ruby's `\w` on a binary string: ASCII letters, digits and `_`. */
function isWordByte(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
}

function isNameByte(byte: number): boolean {
  return isWordByte(byte) || byte === 0x2e || byte === 0x2d;
}
