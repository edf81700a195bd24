import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AuthSecret, Clock } from '#core';

const AUDIENCE = 'assay:second-factor';
/** How long after the password a code may be given. */
export const CHALLENGE_TTL_SECONDS = 300;

export interface ChallengeClaims {
  readonly userId: string;
  readonly organizationId: string;
}

/** The proof that the password was right, exchanged for a session with a second factor. */
@Injectable()
export class SecondFactorChallenges {
  private readonly key: Buffer;

  constructor(
    secret: AuthSecret,
    private readonly clock: Clock,
  ) {
    this.key = secret.key('second-factor-challenge');
  }

  async issue(claims: ChallengeClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({ org: claims.organizationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + CHALLENGE_TTL_SECONDS)
      .sign(this.key);
    return { token, expiresAt: new Date((now + CHALLENGE_TTL_SECONDS) * 1000) };
  }

  async verify(token: string): Promise<ChallengeClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      return typeof payload.sub === 'string' && typeof payload.org === 'string'
        ? { userId: payload.sub, organizationId: payload.org }
        : null;
    } catch {
      return null;
    }
  }
}
