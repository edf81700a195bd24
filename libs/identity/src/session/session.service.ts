import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '#audit';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  TransactionalConnection,
  hashToken,
  newId,
  randomToken,
  type Actor,
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
  /** The refresh session (token) just issued; access tokens name it. */
  readonly sessionId: string;
  readonly familyId: string;
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
    private readonly audit: AuditService,
  ) {}

  /**
   * Email and password to a session in one of the user's organizations: the one asked for, or
   * the one the user joined first.
   */
  async signIn(
    ctx: RequestContext,
    input: { email: string; password: string; organizationId?: string | null },
  ): Promise<IssuedSession> {
    const outcome = await this.connection.systemTransaction(ctx, async (tx) => {
      const user = await (
        await this.connection.repository(tx, User)
      ).findOneBy({
        email: normalizeEmail(input.email),
      });
      const valid = await this.hasher.verify(user?.passwordHash ?? null, input.password);
      const memberships = user
        ? await (
            await this.connection.repository(tx, Membership)
          ).find({
            where: { userId: user.id },
            order: { createdAt: 'ASC', id: 'ASC' },
          })
        : [];
      const membership = input.organizationId
        ? memberships.find((candidate) => candidate.organizationId === input.organizationId)
        : memberships[0];
      if (!user || !valid || !membership) {
        // Failures against a real account are recorded in each of its organizations.
        for (const { organizationId } of memberships) {
          await this.audit.record(tx, {
            organizationId,
            action: 'session.sign_in_failed',
            entityType: 'user',
            entityId: user!.id,
            after: { reason: valid ? 'NOT_A_MEMBER' : 'WRONG_PASSWORD' },
          });
        }
        return null;
      }
      const session = await this.issue(tx, membership, newId());
      await this.audit.record(tx, {
        organizationId: membership.organizationId,
        actor: this.actorOf(session),
        action: 'session.signed_in',
        entityType: 'session',
        entityId: session.familyId,
        after: { role: membership.role },
      });
      return session;
    });
    // Outside the transaction, so that the failure's audit events commit.
    if (!outcome) throw invalidCredentials();
    return outcome;
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
        await this.audit.record(tx, {
          organizationId: session.organizationId,
          action: 'session.reuse_detected',
          entityType: 'session',
          entityId: session.familyId,
          after: { revokedReason: 'REUSE_DETECTED' },
        });
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
      const issued = await this.issue(tx, membership, session.familyId);
      await this.audit.record(tx, {
        organizationId: session.organizationId,
        actor: this.actorOf(issued),
        action: 'session.refreshed',
        entityType: 'session',
        entityId: session.familyId,
      });
      return issued;
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
      const session = await sessions.findOneBy({ id: actor.sessionId });
      if (options.everywhere) {
        await sessions.update(
          { userId: actor.userId, revokedAt: IsNull() },
          { revokedAt: this.clock.now(), revokedReason: 'SIGNED_OUT' },
        );
      } else if (session) {
        await this.revokeFamily(tx, session.familyId, 'SIGNED_OUT');
      }
      await this.audit.record(tx, {
        action: 'session.signed_out',
        entityType: 'session',
        entityId: options.everywhere ? null : (session?.familyId ?? null),
        after: { everywhere: options.everywhere },
      });
    });
  }

  private actorOf(session: IssuedSession): Actor {
    return {
      kind: 'user',
      userId: session.userId,
      role: session.role,
      sessionId: session.sessionId,
    };
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
      sessionId: session.id,
      familyId,
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
