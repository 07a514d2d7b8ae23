import { numerize } from './number-words.js';

/**
 * A duration in seconds, read as ChronicDuration reads it for GitLab
 * (`timeout`, `start_in`): "1h 30m", "3 hours", "1 hour and 30 minutes",
 * "90" (a bare number is seconds), "1.5h", "1:30:00" (h:m:s). GitLab makes
 * ChronicDuration strict, so any unknown word makes the whole text invalid
 * (undefined); so does a total of zero. Months are 30 days, years 365.25.
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
  weeks: 604_800,
  months: 2_592_000,
  years: 31_557_600,
};

const UNIT_WORDS: Readonly<Record<string, string>> = {
  seconds: 'seconds', second: 'seconds', secs: 'seconds', sec: 'seconds', s: 'seconds',
  minutes: 'minutes', minute: 'minutes', mins: 'minutes', min: 'minutes', m: 'minutes',
  hours: 'hours', hour: 'hours', hrs: 'hours', hr: 'hours', h: 'hours',
  days: 'days', day: 'days', dy: 'days', d: 'days',
  weeks: 'weeks', week: 'weeks', wks: 'weeks', wk: 'weeks', w: 'weeks',
  months: 'months', month: 'months', mos: 'months', mo: 'months',
  years: 'years', year: 'years', yrs: 'years', yr: 'years', y: 'years',
};

const JOIN_WORDS = new Set(['and', 'with', 'plus']);
const NUMBER = /[0-9]*\.?[0-9]+/;
const NUMBER_GLOBAL = /[0-9]*\.?[0-9]+/g;
const COLON_FORM = /[0-9]*\.?[0-9]+(:[0-9]*\.?[0-9]+)+/;
// h:m:s reads right to left; weeks are skipped, as in ChronicDuration.
const COLON_UNITS = ['seconds', 'minutes', 'hours', 'days', 'months', 'years'];

export function parseDuration(text: string): number | undefined {
  const cleaned = cleanup(text);
  if (cleaned === undefined) return undefined;
  const words = cleaned.split(' ').filter((w) => w !== '');
  let total = 0;
  words.forEach((word, index) => {
    if (!NUMBER.test(word)) return;
    const unit = words[index + 1] ?? 'seconds';
    total += Number.parseFloat(word) * (UNIT_SECONDS[unit] ?? 0);
  });
  return total === 0 || !Number.isFinite(total) ? undefined : total;
}

function cleanup(text: string): string | undefined {
  const numerized = numerize(text.toLowerCase());
  const typed = colonForm(numerized);
  if (typed === undefined) return undefined;
  const spaced = typed.replace(NUMBER_GLOBAL, (n) => ` ${n} `).replace(/ +/g, ' ').trim();
  const kept: string[] = [];
  for (const word of spaced.split(' ')) {
    if (word === '') continue;
    if (NUMBER.test(word)) {
      kept.push(word);
      continue;
    }
    const stripped = word.replace(/^,/, '').replace(/,$/, '');
    const unit = UNIT_WORDS[stripped];
    if (unit !== undefined) kept.push(unit);
    else if (!JOIN_WORDS.has(stripped)) return undefined;
  }
  // "hour" alone, or "minute 30 sec", means one of that unit.
  if (kept.length > 0 && UNIT_WORDS[kept[0] ?? ''] !== undefined) kept.unshift('1');
  return kept.join(' ');
}

function colonForm(text: string): string | undefined {
  const compact = text.replace(/ /g, '');
  if (!COLON_FORM.test(compact)) return text;
  const parts = compact.split(':').reverse();
  const out: string[] = [];
  for (const [index, part] of parts.entries()) {
    const unit = COLON_UNITS[index];
    if (unit === undefined) return undefined;
    out.push(`${part} ${unit}`);
  }
  return out.reverse().join(' ');
}
