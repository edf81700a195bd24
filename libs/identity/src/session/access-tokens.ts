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

/** Short-lived, signed (HS256) access tokens: nothing to look up to trust them. */
@Injectable()
export class AccessTokens {
  private readonly key: Buffer;
  /** Imported once: importing the key on every verification would double its cost. */
  private readonly verifyKey: Promise<webcrypto.CryptoKey>;

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
    try {
      const { payload } = await jwtVerify(token, await this.verifyKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      const { sub, org, role, sid } = payload as Record<string, unknown>;
      if (
        typeof sub !== 'string' ||
        typeof org !== 'string' ||
        typeof sid !== 'string' ||
        !Object.values(Role).includes(role as Role)
      ) {
        return null;
      }
      return { userId: sub, organizationId: org, role: role as Role, sessionId: sid };
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null;
    }
  }
}
