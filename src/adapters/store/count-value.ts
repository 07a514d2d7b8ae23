/**
 * The value of a `count(*)` column as a number. Drivers disagree on its
 * type: better-sqlite3 answers a number, pg answers int8 as a string unless
 * a type parser turns it into a number (ours does, per pool), and a driver
 * in bigint mode answers a bigint. Counts of rows are far below 2^53.
 */
export function countValue(value: number | string | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`count(*) answered ${String(value)}, not a row count`);
  return n;
}
