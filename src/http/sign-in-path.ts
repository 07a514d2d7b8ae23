/**
 * Where to send someone who must sign in, and where they may be sent back
 * to afterwards. Only local paths come back (`/…`, never `//host` or a
 * scheme), so the sign-in page cannot be used to redirect people elsewhere.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\\]/.test(value)) return undefined;
  if (value.startsWith('/-/sign_in') || value.startsWith('/-/sign_out')) return undefined;
  return value;
}

export function signInPath(returnTo: string | undefined): string {
  const back = safeReturnPath(returnTo);
  return back === undefined ? '/-/sign_in' : `/-/sign_in?return_to=${encodeURIComponent(back)}`;
}
