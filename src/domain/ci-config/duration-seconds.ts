import { parseDuration } from '../duration/parse-duration.js';
import { boundedMemo } from './bounded-memo.js';

/**
 * `parseDuration`, memoised for loading: a `timeout:` or `start_in:` set in
 * a template reaches every job that extends it, and the same few texts are
 * read for each of them.
 */
export const durationSeconds: (text: string) => number | undefined = boundedMemo(parseDuration, 1_000);
