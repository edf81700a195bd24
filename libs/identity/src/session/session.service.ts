import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  TransactionalConnection,
  hashToken,
  newId,
  randomToken,
  type RequestContext,
  type Role,
} from '#core';
import { normalizeEmail } from '../email.js';
import { Membership } from '../membership.entity.js';
import { PasswordHasher } from '../password/password-hasher.js';
import { User } from '../user.entity.js';
import { AccessTokens } from './access-tokens.js';
import { RefreshSession } from './refresh-session.entity.js';

/** What a client keeps after signing in or refreshing. */
export interface IssuedSession {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

/** One answer for every failed sign-in, so that it tells nothing about which part was wrong. */
function invalidCredentials(): DomainException {
  return new DomainException(ErrorCode.Unauthenticated, 'Invalid email or password');
}

function invalidRefreshToken(): DomainException {
  return new DomainException(
    ErrorCode.Unauthenticated,
    'The refresh token is not valid: sign in again',
  );
}

@Injectable()
export class SessionService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Email and password to a session in one of the user's organizations: the one asked for, or
   * the one the user joined first.
   */
  async signIn(
    ctx: RequestContext,
    input: { email: string; password: string; organizationId?: string | null },
  ): Promise<IssuedSession> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const user = await (
        await this.connection.repository(tx, User)
      ).findOneBy({
        email: normalizeEmail(input.email),
      });
      if (!(await this.hasher.verify(user?.passwordHash ?? null, input.password)) || !user) {
        throw invalidCredentials();
      }
      const membership = await (
        await this.connection.repository(tx, Membership)
      ).findOne({
        where: input.organizationId
          ? { userId: user.id, organizationId: input.organizationId }
          : { userId: user.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      if (!membership) throw invalidCredentials();
      return this.issue(tx, membership, newId());
    });
  }

  /**
   * Rotates a refresh token: the presented one stops working and the new pair joins its family.
   * A token presented after it was rotated was stolen or replayed: the whole family is revoked.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.connection.systemTransaction(ctx, async (tx) => {
      const sessions = await this.connection.repository(tx, RefreshSession);
      const session = await sessions.findOne({
        where: { tokenHash: hashToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (!session || session.revokedAt || session.expiresAt <= now) return null;
      if (session.rotatedAt) {
        await this.revokeFamily(tx, session.familyId, 'REUSE_DETECTED');
        return null;
      }
      const membership = await (
        await this.connection.repository(tx, Membership)
      ).findOneBy({
        userId: session.userId,
        organizationId: session.organizationId,
      });
      if (!membership) {
        await this.revokeFamily(tx, session.familyId, 'MEMBERSHIP_ENDED');
        return null;
      }
      await sessions.update({ id: session.id }, { rotatedAt: now });
      return this.issue(tx, membership, session.familyId);
    });
    // The revocation above must commit, so the failure is reported outside the transaction.
    if (!outcome) throw invalidRefreshToken();
    return outcome;
  }

  /**
   * Ends the sign-in the caller's access token belongs to (its whole token family), or with
   * `everywhere` every sign-in of the caller in this organization.
   */
  async signOut(ctx: RequestContext, options: { everywhere: boolean }): Promise<void> {
    const actor = ctx.actor;
    if (actor.kind !== 'user') return;
    await this.connection.transaction(ctx, async (tx) => {
      const sessions = await this.connection.repository(tx, RefreshSession);
      if (options.everywhere) {
        await sessions.update(
          { userId: actor.userId, revokedAt: IsNull() },
          { revokedAt: this.clock.now(), revokedReason: 'SIGNED_OUT' },
        );
        return;
      }
      const session = await sessions.findOneBy({ id: actor.sessionId });
      if (session) await this.revokeFamily(tx, session.familyId, 'SIGNED_OUT');
    });
  }

  private async revokeFamily(ctx: RequestContext, familyId: string, reason: string): Promise<void> {
    await (
      await this.connection.repository(ctx, RefreshSession)
    ).update(
      { familyId, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
  }

  private async issue(
    ctx: RequestContext,
    membership: Membership,
    familyId: string,
  ): Promise<IssuedSession> {
    const sessions = await this.connection.repository(ctx, RefreshSession);
    const refreshToken = randomToken();
    const refreshTokenExpiresAt = new Date(
      this.clock.now().getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000,
    );
    const session = sessions.create({
      organizationId: membership.organizationId,
      userId: membership.userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      rotatedAt: null,
      revokedAt: null,
      revokedReason: null,
      ip: ctx.ip,
    });
    await sessions.insert(session);
    const access = await this.accessTokens.issue({
      userId: membership.userId,
      organizationId: membership.organizationId,
      role: membership.role,
      sessionId: session.id,
    });
    return {
      userId: membership.userId,
      organizationId: membership.organizationId,
      role: membership.role,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
    };
  }
}
