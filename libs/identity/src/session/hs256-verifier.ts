import { LRUCache } from 'lru-cache';
import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '#core';

/** Verified tokens remembered at most; a client sends the same one with every request. */
const VERIFIED_TOKENS = 1_000;

/**
 * Verifies the HS256 tokens of one key, issuer and audience, and remembers those it has
 * verified: the signature of a given token cannot change, so only its expiry needs checking
 * again. `read` turns a verified payload into claims, or null when it lacks what they need.
 */
export class Hs256Verifier<Claims> {
  /** Imported once: importing the key on every verification would double its cost. */
  private readonly key: Promise<webcrypto.CryptoKey>;
  /** The least recently used go when it is full. */
  private readonly verified = new LRUCache<string, { claims: Claims; expiresAt: number }>({
    max: VERIFIED_TOKENS,
  });

  constructor(
    key: Buffer,
    private readonly options: { readonly issuer: string; readonly audience: string },
    private readonly clock: Clock,
    private readonly read: (payload: JWTPayload) => Claims | null,
  ) {
    this.key = webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]);
  }

  /** Whether `token` was verified here and is still remembered (expired or not). */
  remembers(token: string): boolean {
    return this.verified.has(token);
  }

  /** The claims of a valid token; null for anything else (forged, malformed, wrong audience). */
  async verify(token: string): Promise<Claims | 'expired' | null> {
    const known = this.verified.get(token);
    if (known) {
      // As jwtVerify judges `exp`: expired once the clock reaches it.
      if (known.expiresAt <= Math.floor(this.clock.now().getTime() / 1000)) {
        this.verified.delete(token);
        return 'expired';
      }
      return known.claims;
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        ...this.options,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      const claims = this.read(payload);
      // A token that is not yet valid is judged afresh each time; ours never carry `nbf`.
      if (claims !== null && typeof payload.exp === 'number' && payload.nbf === undefined) {
        this.verified.set(token, { claims, expiresAt: payload.exp });
      }
      return claims;
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null;
    }
  }
}
