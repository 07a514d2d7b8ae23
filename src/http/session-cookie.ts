/**
 * The web session cookie: a random `crs_…` token (only its hash is stored),
 * HttpOnly so page scripts never see it, SameSite=Lax so other sites'
 * forms do not carry it (the Origin check is the second lock), Secure when
 * chatrun is reached over https.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'chatrun_session';

export function sessionCookieOptions(externalUrl: string, maxAgeSeconds: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: externalUrl.startsWith('https:'),
    maxAge: maxAgeSeconds,
  };
}

export function clearedSessionCookieOptions(externalUrl: string): CookieSerializeOptions {
  return { ...sessionCookieOptions(externalUrl, 0), expires: new Date(0) };
}
