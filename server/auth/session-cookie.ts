import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '#shared/account';
import { isHttps } from '../http/client-info';

/** A session ends after a week without use, and after 30 days whatever happens. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 30 * 24 * 60 * 60 * 1000;

/** Whether a session that began at `createdAt` and was last used at `lastSeenAt` is over at `now`. */
export function sessionExpired(session: { createdAt: string; lastSeenAt: string }, now: Date): boolean {
  const at = now.getTime();
  return at - Date.parse(session.lastSeenAt) >= SESSION_IDLE_MS || at - Date.parse(session.createdAt) >= SESSION_MAX_MS;
}

export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  return value === undefined || value === '' ? undefined : value;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site sends it), for the session's
 * whole life; `Secure` when the request came over https (the URL's scheme: X-Forwarded-Proto is
 * not trusted here).
 */
export function setSessionCookie(c: Context, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
}
