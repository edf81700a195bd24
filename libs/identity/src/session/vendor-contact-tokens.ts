import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { AuthSecret, Clock } from '#core';
import { Hs256Verifier } from './hs256-verifier.js';

const ISSUER = 'assay';
export const VENDOR_AUDIENCE = 'assay:vendor';

/** A vendor contact's session: one organization, one vendor, a set of assessments, nothing else. */
export interface VendorContactClaims {
  readonly organizationId: string;
  readonly vendorId: string;
  readonly contactId: string;
  readonly assessmentIds: readonly string[];
}

/**
 * Tokens for vendor contacts, signed with a key of their own and another audience, so that one
 * can never pass for a member's access token. Issued when a contact exchanges an invitation.
 */
@Injectable()
export class VendorContactTokens {
  private readonly key: Buffer;
  private readonly verifier: Hs256Verifier<VendorContactClaims>;

  constructor(
    secret: AuthSecret,
    private readonly clock: Clock,
  ) {
    this.key = secret.key('vendor-contact-token');
    this.verifier = new Hs256Verifier<VendorContactClaims>(
      this.key,
      { issuer: ISSUER, audience: VENDOR_AUDIENCE },
      clock,
      ({ sub, org, vendor, assessments }) =>
        typeof sub === 'string' &&
        typeof org === 'string' &&
        typeof vendor === 'string' &&
        Array.isArray(assessments) &&
        assessments.every((id) => typeof id === 'string')
          ? {
              organizationId: org,
              vendorId: vendor,
              contactId: sub,
              assessmentIds: assessments as string[],
            }
          : null,
    );
  }

  async issue(
    claims: VendorContactClaims,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({
      org: claims.organizationId,
      vendor: claims.vendorId,
      assessments: [...claims.assessmentIds],
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.contactId)
      .setIssuer(ISSUER)
      .setAudience(VENDOR_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }

  /** Whether `token` is one this verifier has verified and still remembers. */
  remembers(token: string): boolean {
    return this.verifier.remembers(token);
  }

  verify(token: string): Promise<VendorContactClaims | 'expired' | null> {
    return this.verifier.verify(token);
  }
}
