import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AppConfig, AuthSecret, Clock, Role } from '#core';

const ISSUER = 'assay';
const AUDIENCE = 'assay:api';

export interface AccessClaims {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
  /** The refresh session (token family) the access token was issued for. */
  readonly sessionId: string;
}

/** Verified tokens remembered at most; a client sends the same one with every request. */
const VERIFIED_TOKENS = 1_000;

/** Short-lived, signed (HS256) access tokens: nothing to look up to trust them. */
@Injectable()
export class AccessTokens {
  private readonly key: Buffer;
  /** Imported once: importing the key on every verification would double its cost. */
  private readonly verifyKey: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens whose signature and claims have been checked, with their expiry (seconds): the
   * signature of a given token cannot change, so only the expiry needs checking again. Oldest
   * first, so that the least recently verified go when it is full.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(
    secret: AuthSecret,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = secret.key('access-token');
    this.verifyKey = webcrypto.subtle.importKey(
      'raw',
      this.key,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = now + this.config.auth.accessTokenTtlSeconds;
    const token = await new SignJWT({
      org: claims.organizationId,
      role: claims.role,
      sid: claims.sessionId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The claims of a valid token; null for anything else (expired, forged, malformed). */
  async verify(token: string): Promise<AccessClaims | 'expired' | null> {
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
      const { payload } = await jwtVerify(token, await this.verifyKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      const { sub, org, role, sid, exp, nbf } = payload as Record<string, unknown>;
      if (
        typeof sub !== 'string' ||
        typeof org !== 'string' ||
        typeof sid !== 'string' ||
        !Object.values(Role).includes(role as Role)
      ) {
        return null;
      }
      const claims = { userId: sub, organizationId: org, role: role as Role, sessionId: sid };
      // A token that is not yet valid is judged afresh each time; ours never carry `nbf`.
      if (typeof exp === 'number' && nbf === undefined) this.remember(token, claims, exp);
      return claims;
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null;
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAt: number): void {
    if (this.verified.size >= VERIFIED_TOKENS) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { claims, expiresAt });
  }
}
