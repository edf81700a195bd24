import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { hashToken, safeEqual } from '../crypto/tokens.js';
import type { Metrics } from './metrics.js';
import type { ScrapeGuard } from './scrape-guard.js';

const logger = new Logger('Metrics');

/**
 * Whether an Authorization header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or content of what was sent.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  return safeEqual(hashToken(given), hashToken(token)) && given !== '';
}

/**
 * Answers a scrape of `/metrics`: with no token configured the endpoint does not exist (`next`,
 * the server's 404); a missing or wrong bearer token is 401 with no body, and counts against
 * the client's address; an address over the limit (see ScrapeGuard) is 429 with Retry-After,
 * whatever it sends; otherwise the exposition of `metrics`. Only GET and HEAD are answered,
 * anything else goes to `next`.
 */
export async function serveMetrics(
  metrics: Metrics,
  token: string | null,
  guard: ScrapeGuard,
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): Promise<void> {
  if (!token || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.setHeader('cache-control', 'no-store');
  const address = req.socket.remoteAddress ?? null;
  const retryAfter = await guard.retryAfter(address);
  if (retryAfter !== null) {
    res.statusCode = 429;
    res.setHeader('retry-after', String(retryAfter));
    res.end();
    return;
  }
  if (!bearerMatches(req.headers.authorization, token)) {
    // Scrapes are not in the request log (too frequent); refusals are, without what was sent.
    logger.warn(`Metrics scrape refused from ${address ?? 'unknown address'}`);
    await guard.refused(address);
    res.statusCode = 401;
    res.setHeader('www-authenticate', 'Bearer');
    res.end();
    return;
  }
  let body: string;
  try {
    body = await metrics.exposition();
  } catch (error) {
    logger.error(`Metrics exposition failed: ${(error as Error).message}`);
    res.statusCode = 500;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', metrics.contentType);
  res.end(req.method === 'HEAD' ? undefined : body);
}
