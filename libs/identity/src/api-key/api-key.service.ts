import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import {
  ApiKeyScope,
  Clock,
  DomainException,
  RequestContext,
  TransactionalConnection,
  hashToken,
  paginate,
  randomToken,
  safeEqual,
  type Page,
  type PageRequest,
} from '#core';
import { ApiKey } from './api-key.entity.js';

const KEY_FORMAT = /^assay_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Last-used times are written at most this often, so that a busy key does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  /** The whole key, `assay_<prefix>_<secret>`: shown this once, never stored. */
  readonly key: string;
}

export interface VerifiedApiKey {
  readonly id: string;
  readonly organizationId: string;
  readonly scopes: readonly ApiKeyScope[];
}

function prefix(): string {
  return [...randomBytes(12)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A new key for the organization of `ctx`. `write` includes `read`. */
  async create(
    ctx: RequestContext,
    input: { name: string; scopes: readonly ApiKeyScope[]; expiresAt?: Date | null },
  ): Promise<CreatedApiKey> {
    const name = input.name.trim();
    const problems = [
      ...(name ? [] : [{ path: 'input.name', message: 'must not be empty' }]),
      ...(input.scopes.length ? [] : [{ path: 'input.scopes', message: 'at least one scope' }]),
      ...(input.expiresAt && input.expiresAt <= this.clock.now()
        ? [{ path: 'input.expiresAt', message: 'must be in the future' }]
        : []),
    ];
    if (problems.length) throw DomainException.badUserInput('Invalid API key', problems);
    const scopes = input.scopes.includes(ApiKeyScope.Write)
      ? [ApiKeyScope.Read, ApiKeyScope.Write]
      : [ApiKeyScope.Read];
    return this.connection.transaction(ctx, async (tx) => {
      const keys = await this.connection.repository(tx, ApiKey);
      const visible = prefix();
      const secret = randomToken();
      const apiKey = keys.create({
        organizationId: ctx.organizationId!,
        name,
        prefix: visible,
        secretHash: hashToken(secret),
        scopes,
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        lastUsedAt: null,
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
      });
      await keys.insert(apiKey);
      await this.audit.record(tx, {
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: apiKey.id,
        after: {
          name,
          prefix: visible,
          scopes,
          expiresAt: apiKey.expiresAt,
          secretHash: apiKey.secretHash,
        },
      });
      return { apiKey, key: `assay_${visible}_${secret}` };
    });
  }

  /** Revokes a key of the organization of `ctx`; another organization's key is NOT_FOUND. */
  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    return this.connection.transaction(ctx, async (tx) => {
      const keys = await this.connection.repository(tx, ApiKey);
      const apiKey = await keys.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!apiKey) throw DomainException.notFound('API key');
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = this.clock.now();
        await keys.save(apiKey);
        await this.audit.record(tx, {
          action: 'api_key.revoked',
          entityType: 'api_key',
          entityId: apiKey.id,
          before: { revokedAt: null },
          after: { revokedAt: apiKey.revokedAt },
        });
      }
      return apiKey;
    });
  }

  async list(ctx: RequestContext, page: PageRequest): Promise<Page<ApiKey>> {
    const query = (await this.connection.repository(ctx, ApiKey)).createQueryBuilder('key');
    return paginate(query, page, {
      column: 'key.created_at',
      property: 'createdAt',
      direction: 'DESC',
    });
  }

  async findById(ctx: RequestContext, id: string): Promise<ApiKey | null> {
    return (await this.connection.repository(ctx, ApiKey)).findOneBy({ id });
  }

  /**
   * The key behind a presented credential, if it is well formed, known, unrevoked and unexpired;
   * null otherwise (one answer for every failure). Looks across organizations (the key says
   * which), so it runs with the platform's access, in its own short transaction.
   */
  async verify(presented: string, requestId: string): Promise<VerifiedApiKey | null> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) return null;
    const [, visible, secret] = match;
    const ctx = RequestContext.system('api-key-authentication', requestId);
    return this.connection.systemTransaction(ctx, async (tx) => {
      const keys = await this.connection.repository(tx, ApiKey);
      const apiKey = await keys.findOneBy({ prefix: visible });
      const now = this.clock.now();
      if (
        !apiKey ||
        !safeEqual(apiKey.secretHash, hashToken(secret!)) ||
        apiKey.revokedAt ||
        (apiKey.expiresAt && apiKey.expiresAt <= now)
      ) {
        return null;
      }
      if (
        !apiKey.lastUsedAt ||
        now.getTime() - apiKey.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS
      ) {
        await keys.update({ id: apiKey.id }, { lastUsedAt: now });
      }
      return { id: apiKey.id, organizationId: apiKey.organizationId, scopes: apiKey.scopes };
    });
  }
}
