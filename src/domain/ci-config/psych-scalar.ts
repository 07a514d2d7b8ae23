import { RubyFloat, RubySymbol, type YamlScalar } from './yaml-value.js';

/**
 * How Psych (Ruby's YAML 1.1 loader, which GitLab uses) types an untagged
 * plain scalar. Quoted and block scalars are always strings and never come
 * here. The rules follow Psych's ScalarScanner#tokenize: the order of the
 * checks matters (`1:30` is base 60 before it could be a float; `1e3` has no
 * dot, so it stays a string).
 *
 * GitLab loads YAML with `safe_load`, so Date and Time scalars are refused
 * rather than turned into strings; that refusal is an expected outcome here.
 */
export type PlainScalarResult =
  | { readonly ok: true; readonly value: YamlScalar }
  | { readonly ok: false; readonly error: string };

const WORDY = /^[^\d.:-]?[\p{L}_\s!@#$%^&*(){}<>|/\\~;=]+/u;
const TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/;
const DATE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;
const BASE60_INT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/;
const FLOAT = /^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$/;
const INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/;

const ok = (value: YamlScalar): PlainScalarResult => ({ ok: true, value });

export function tokenizePlainScalar(text: string): PlainScalarResult {
  if (text === '') return ok(null);
  // Most scalars start with a letter, which WORDY always matches; deciding
  // that from one character spares the Unicode regexp on every word.
  if (startsWordy(text.charCodeAt(0)) || WORDY.test(text) || text.includes('\n')) return ok(wordyScalar(text));
  if (TIME.test(text)) return { ok: false, error: 'Tried to load unspecified class: Time' };
  if (DATE.test(text)) return { ok: false, error: 'Tried to load unspecified class: Date' };
  if (/^\+?\.inf$/i.test(text)) return ok(new RubyFloat(Infinity));
  if (/^-\.inf$/i.test(text)) return ok(new RubyFloat(-Infinity));
  if (/^\.nan$/i.test(text)) return ok(new RubyFloat(NaN));
  if (/^:./.test(text)) {
    const quoted = /^:(["'])(.*)\1/.exec(text);
    return ok(new RubySymbol(quoted ? (quoted[2] ?? '').replace(/^:/, '') : text.slice(1)));
  }
  if (BASE60_INT.test(text)) return ok(sexagesimal(text, false));
  if (BASE60_FLOAT.test(text)) return ok(sexagesimal(text, true));
  if (FLOAT.test(text)) {
    if (/^[-+]?\.$/.test(text)) return ok(text);
    return ok(new RubyFloat(Number(text.replace(/[,_]/g, '').replace(/\.([Ee]|$)/, '$1'))));
  }
  if (INTEGER.test(text)) {
    const integer = rubyInteger(text.replace(/[,_]/g, ''));
    return ok(typeof integer === 'string' ? text : integer);
  }
  return ok(text);
}

/** ASCII letters and `_ $ /`, all in WORDY's repeated class. */
function startsWordy(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36 || code === 47;
}

/** Words: only short ones can be null or booleans (`y` and `n` stay strings). */
function wordyScalar(text: string): YamlScalar {
  if (text.length > 5) return text;
  if (/^[^ytonf~]/i.test(text)) return text;
  if (text === '~' || /^null$/i.test(text)) return null;
  if (/^(yes|true|on)$/i.test(text)) return true;
  if (/^(no|false|off)$/i.test(text)) return false;
  return text;
}

/** Psych's base-60 quirk: the first part counts hours, so `1:30` is 5400. */
function sexagesimal(text: string, float: boolean): YamlScalar {
  const parts = text.split(':');
  let total = 0;
  parts.forEach((part, index) => {
    const n = float ? Number.parseFloat(part.replace(/_/g, '')) : Number.parseInt(part.replace(/_/g, ''), 10);
    total += n * 60 ** Math.abs(index - 2);
  });
  return float ? new RubyFloat(total) : total;
}

/** Ruby's `Integer()`: `0x`, `0b` and a leading `0` (octal) prefixes. */
function rubyInteger(text: string): number | bigint | string {
  if (!/[0-9a-fA-F]$/.test(text) || /^[-+]?0[xb]$/i.test(text)) return text;
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  let digits: bigint;
  if (/^0x/i.test(body)) digits = BigInt(`0x${body.slice(2)}`);
  else if (/^0b/i.test(body)) digits = BigInt(`0b${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) digits = BigInt(`0o${body.slice(1)}`);
  else digits = BigInt(body);
  const value = negative ? -digits : digits;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
