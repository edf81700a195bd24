import type { CookieOptions, Request, Response } from 'express';

/** Where the queue board lives, and the only path its session cookie is sent to. */
export const QUEUE_BOARD_PATH = '/admin/queues';

export const QUEUE_BOARD_COOKIE = 'assay_queue_board';

/**
 * The session cookie: out of scripts' reach, never sent from another site, HTTPS-only when the
 * request came over HTTPS (`req.secure` follows TRUST_PROXY), and scoped to the board.
 */
export function queueBoardCookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: QUEUE_BOARD_PATH,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}

/** The value of cookie `name` in a `Cookie` header; undefined when absent or empty. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) {
      return pair.slice(equals + 1).trim() || undefined;
    }
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request that the browser reports as coming from another origin (a sibling
 * subdomain gets past SameSite=Strict): refused when it rides on the session cookie.
 */
export function isCrossOriginWrite(req: Pick<Request, 'method' | 'headers'>): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && site !== 'same-origin' && site !== 'none';
}

/**
 * The page loads its own scripts, styles, images and highlight worker only; its inline styles
 * need 'unsafe-inline' (styles only, and on this path only). Web fonts from Google are left out:
 * the board falls back to system fonts rather than tell a third party who opens it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers of every response under the board's path, errors included. */
export function setQueueBoardHeaders(res: Response): void {
  res.set({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
}
