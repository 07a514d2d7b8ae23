/**
 * English number words to digits ("two hours" → "2 hours", "twenty-five"
 * → "25"), the part of ChronicDuration's numerizer that durations use.
 * "second" is deliberately not an ordinal here: it is a unit.
 */
const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000 };

export function numerize(text: string): string {
  const words = text.replace(/([^\d\s])-([^\d\s])/g, '$1 $2').split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  let pending: number | undefined;
  const flush = (): void => {
    if (pending !== undefined) out.push(String(pending));
    pending = undefined;
  };
  for (const word of words) {
    const unit = UNITS[word];
    const ten = TENS[word];
    const scale = SCALES[word];
    if (unit !== undefined) {
      pending = pending !== undefined && pending % 10 === 0 && pending >= 20 && pending < 100 ? pending + unit : (flush(), unit);
    } else if (ten !== undefined) {
      flush();
      pending = ten;
    } else if (scale !== undefined && pending !== undefined) {
      pending *= scale;
    } else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out.join(' ');
}
