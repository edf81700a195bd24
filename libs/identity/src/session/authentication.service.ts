import { Injectable } from '@nestjs/common';
import type { Actor } from '#core';
import { AccessTokens } from './access-tokens.js';

/** Who a request is, read from its credentials, before anything else runs. */
export type Authentication =
  | { readonly ok: true; readonly actor: Actor; readonly organizationId: string | null }
  | { readonly ok: false; readonly reason: string };

const ANONYMOUS: Authentication = { ok: true, actor: { kind: 'anonymous' }, organizationId: null };

/** The credentials of a request: `Authorization: Bearer <token>`. */
export interface Credentials {
  readonly authorization?: string | undefined;
}

@Injectable()
export class AuthenticationService {
  constructor(private readonly accessTokens: AccessTokens) {}

  /**
   * Anonymous without credentials; a principal for valid ones; a reason (reported as
   * UNAUTHENTICATED by operations that need a principal) for invalid ones.
   */
  async authenticate(credentials: Credentials): Promise<Authentication> {
    const header = credentials.authorization?.trim();
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return { ok: false, reason: 'The Authorization header must be "Bearer <token>"' };
    const claims = await this.accessTokens.verify(match[1]!);
    if (claims === 'expired')
      return { ok: false, reason: 'The access token has expired: refresh the session' };
    if (!claims) return { ok: false, reason: 'The access token is not valid' };
    return {
      ok: true,
      actor: {
        kind: 'user',
        userId: claims.userId,
        role: claims.role,
        sessionId: claims.sessionId,
      },
      organizationId: claims.organizationId,
    };
  }
}
