import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AppConfig, AuthSecret, Clock, Role } from '#core';
import { Hs256Verifier } from './hs256-verifier.js';

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
  private readonly verifier: Hs256Verifier<AccessClaims>;

  constructor(
    secret: AuthSecret,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = secret.key('access-token');
    this.verifier = new Hs256Verifier(
      this.key,
      { issuer: ISSUER, audience: AUDIENCE },
      clock,
      ({ sub, org, role, sid }) =>
        typeof sub === 'string' &&
        typeof org === 'string' &&
        typeof sid === 'string' &&
        Object.values(Role).includes(role as Role)
          ? { userId: sub, organizationId: org, role: role as Role, sessionId: sid }
          : null,
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

  /** Whether `token` is one this verifier has verified and still remembers. */
  remembers(token: string): boolean {
    return this.verifier.remembers(token);
  }

  /** The claims of a valid token; null for anything else (expired, forged, malformed). */
  verify(token: string): Promise<AccessClaims | 'expired' | null> {
    return this.verifier.verify(token);
  }
}
