import { truncateOutput } from '../../domain/chat-reply/truncate-output.js';

/**
 * Fits job output into a platform's size budget with the domain's
 * truncateOutput (head for success, tail for failure; line boundaries where
 * sensible; surrogate pairs intact). The budget is measured after the
 * platform's escaping — Slack turns `&` into five characters — so the caller
 * passes what each character costs, and the cut is tightened until the
 * escaped text fits.
 */
export interface FitOutputOptions {
  readonly budget: number;
  readonly keep: 'head' | 'tail';
  /** Cost of one code point after escaping; defaults to its UTF-16 length. */
  readonly cost?: (char: string) => number;
}

export interface FittedOutput {
  readonly text: string;
  readonly truncated: boolean;
  readonly shownLines: number;
  readonly totalLines: number;
}

export function fitOutput(text: string, options: FitOutputOptions): FittedOutput {
  const measure = options.cost === undefined ? (s: string) => s.length : costOf(options.cost);
  const budget = Math.max(0, Math.floor(options.budget));
  let max = budget;
  let result = truncateOutput(text, max, { keep: options.keep });
  let measured = measure(result.text);
  // Shrink in proportion to how much escaping inflated the kept text; always
  // by at least one unit, so the loop ends.
  while (measured > budget && max > 0) {
    const kept = result.text.length;
    max = Math.max(0, Math.min(kept - 1, Math.floor((kept * budget) / measured)));
    result = truncateOutput(text, max, { keep: options.keep });
    measured = measure(result.text);
  }
  return {
    text: result.text,
    truncated: result.truncated || result.text.length < text.length,
    shownLines: countLines(result.text),
    totalLines: countLines(text),
  };
}

function costOf(cost: (char: string) => number): (s: string) => number {
  return (s) => {
    let sum = 0;
    for (const char of s) sum += cost(char);
    return sum;
  };
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}
