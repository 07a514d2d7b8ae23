/**
 * Durations spelled the way Go's `time.Duration` prints them (`1h0m0s`,
 * `5m0s`, `2s`, `1.5s`), because GitLab Runner's messages embed them
 * (`execution took longer than 1h0m0s seconds`) and users search for them.
 */
export function goDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const whole = Math.floor(seconds);
  const fraction = Math.round((seconds - whole) * 1000) / 1000;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = (whole % 60) + fraction;
  const sText = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}
