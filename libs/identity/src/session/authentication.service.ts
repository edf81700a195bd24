import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import type { Actor } from '#core';
import { ApiKeyService } from '../api-key/api-key.service.js';
import { AccessTokens } from './access-tokens.js';
import { VENDOR_AUDIENCE, VendorContactTokens } from './vendor-contact-tokens.js';

/** Who a request is, read from its credentials, before anything else runs. */
export type Authentication =
  | { readonly ok: true; readonly actor: Actor; readonly organizationId: string | null }
  | { readonly ok: false; readonly reason: string };

const ANONYMOUS: Authentication = { ok: true, actor: { kind: 'anonymous' }, organizationId: null };

/** The credentials of a request: `Authorization: Bearer <token or key>` or `X-Api-Key: <key>`. */
export interface Credentials {
  readonly authorization?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly requestId: string;
}

const INVALID_KEY: Authentication = { ok: false, reason: 'The API key is not valid' };

@Injectable()
export class AuthenticationService {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly vendorContactTokens: VendorContactTokens,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /**
   * Anonymous without credentials; a principal for valid ones; a reason (reported as
   * UNAUTHENTICATED by operations that need a principal) for invalid ones.
   */
  async authenticate(credentials: Credentials): Promise<Authentication> {
    const header = credentials.authorization?.trim();
    const apiKey = credentials.apiKey?.trim();
    if (header && apiKey)
      return { ok: false, reason: 'Send one credential: Authorization or X-Api-Key' };
    if (apiKey) return this.authenticateApiKey(apiKey, credentials.requestId);
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return { ok: false, reason: 'The Authorization header must be "Bearer <token>"' };
    const token = match[1]!;
    if (token.startsWith('assay_')) return this.authenticateApiKey(token, credentials.requestId);
    // A token verified before is routed by the verifier that knows it, without decoding it.
    if (this.accessTokens.remembers(token)) return this.authenticateUser(token);
    if (this.vendorContactTokens.remembers(token)) return this.authenticateVendorContact(token);
    return this.audienceOf(token) === VENDOR_AUDIENCE
      ? this.authenticateVendorContact(token)
      : this.authenticateUser(token);
  }

  private async authenticateUser(token: string): Promise<Authentication> {
    const claims = await this.accessTokens.verify(token);
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

  private async authenticateVendorContact(token: string): Promise<Authentication> {
    const claims = await this.vendorContactTokens.verify(token);
    if (claims === 'expired')
      return { ok: false, reason: 'The session has expired: open the invitation link again' };
    if (!claims) return { ok: false, reason: 'The access token is not valid' };
    return {
      ok: true,
      actor: {
        kind: 'vendorContact',
        contactId: claims.contactId,
        vendorId: claims.vendorId,
        assessmentIds: claims.assessmentIds,
      },
      organizationId: claims.organizationId,
    };
  }

  private async authenticateApiKey(key: string, requestId: string): Promise<Authentication> {
    const verified = await this.apiKeys.verify(key, requestId);
    if (!verified) return INVALID_KEY;
    return {
      ok: true,
      actor: { kind: 'apiKey', apiKeyId: verified.id, scopes: verified.scopes },
      organizationId: verified.organizationId,
    };
  }

  /** Which verifier a token is for; an unreadable token goes to the member verifier, which refuses it. */
  private audienceOf(token: string): string | null {
    try {
      const audience = decodeJwt(token).aud;
      return typeof audience === 'string' ? audience : null;
    } catch {
      return null;
    }
  }
}
