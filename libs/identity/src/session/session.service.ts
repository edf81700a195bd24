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
  RateLimiter,
  Role,
  type Actor,
  type RequestContext,
  guessLimits,
} from '#core';
import { normalizeEmail } from '../email.js';
import { Membership } from '../membership.entity.js';
import { Organization } from '../organization.entity.js';
import { PasswordHasher } from '../password/password-hasher.js';
import { SecondFactorChallenges } from '../second-factor/second-factor-challenges.js';
import { SecondFactorService } from '../second-factor/second-factor.service.js';
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

/** A sign-in whose password was right but that still owes a second factor. */
export interface SecondFactorChallenge {
  readonly token: string;
  readonly expiresAt: Date;
  /** The organization requires a second factor this user has not set up yet. */
  readonly enrollmentRequired: boolean;
}

export type SignInResult =
  { readonly session: IssuedSession } | { readonly challenge: SecondFactorChallenge };

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
    private readonly secondFactors: SecondFactorService,
    private readonly challenges: SecondFactorChallenges,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * Email and password to a session in one of the user's organizations: the one asked for, or
   * the one the user joined first.
   */
  async signIn(
    ctx: RequestContext,
    input: { email: string; password: string; organizationId?: string | null },
  ): Promise<SignInResult> {
    // Limited per account whether or not it exists, so that limits tell nothing either.
    const rules = guessLimits(this.config, 'sign-in', ctx.ip, normalizeEmail(input.email));
    return this.limiter.guard(ctx, rules, () => this.checkPassword(ctx, input), {
      resetOnSuccess: [rules[0]!.key],
    });
  }

  private async checkPassword(
    ctx: RequestContext,
    input: { email: string; password: string; organizationId?: string | null },
  ): Promise<SignInResult> {
    const outcome = await this.connection.systemTransaction(
      ctx,
      async (tx): Promise<SignInResult | null> => {
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
        const organization = await (
          await this.connection.repository(tx, Organization)
        ).findOneByOrFail({
          id: membership.organizationId,
        });
        const required =
          organization.secondFactorPolicy === 'EVERYONE' ||
          (organization.secondFactorPolicy === 'ADMINS' && membership.role === Role.Admin);
        const enabled = await this.secondFactors.isEnabled(tx, user.id);
        if (enabled || required) {
          const challenge = await this.challenges.issue({
            userId: user.id,
            organizationId: membership.organizationId,
          });
          return { challenge: { ...challenge, enrollmentRequired: !enabled } };
        }
        return { session: await this.startSession(tx, membership, { secondFactor: null }) };
      },
    );
    // Outside the transaction, so that the failure's audit events commit.
    if (!outcome) throw invalidCredentials();
    return outcome;
  }

  /**
   * Completes a challenged sign-in with a code from the authenticator or a recovery code. When
   * the organization required a factor the user had not set up, the first correct code also
   * confirms the enrollment, and the new recovery codes come back (shown once).
   */
  async verifySecondFactor(
    ctx: RequestContext,
    input: { challengeToken: string; code?: string | null; recoveryCode?: string | null },
  ): Promise<{ session: IssuedSession; recoveryCodes: string[] | null }> {
    const claims = await this.challenges.verify(input.challengeToken);
    if (!claims)
      throw new DomainException(
        ErrorCode.Unauthenticated,
        'The sign-in has expired: sign in again',
      );
    const membership = await this.connection.systemTransaction(ctx, async (tx) =>
      (await this.connection.repository(tx, Membership)).findOneBy({
        userId: claims.userId,
        organizationId: claims.organizationId,
      }),
    );
    if (!membership) throw invalidCredentials();
    let recoveryCodes: string[] | null = null;
    const rules = guessLimits(this.config, 'second-factor', ctx.ip, claims.userId);
    await this.connection.transaction(ctx, (tx) => this.limiter.assertAllowed(tx, rules));
    try {
      if (
        await this.connection.systemTransaction(ctx, (tx) =>
          this.secondFactors.isEnabled(tx, claims.userId),
        )
      ) {
        await this.secondFactors.verify(ctx, claims.userId, input);
      } else {
        recoveryCodes = await this.secondFactors.confirm(ctx, claims.userId, input.code ?? '');
      }
    } catch (error) {
      await this.connection.systemTransaction(ctx, async (tx) => {
        await this.limiter.recordFailure(tx, rules);
        await this.audit.record(tx, {
          organizationId: membership.organizationId,
          action: 'session.second_factor_failed',
          entityType: 'user',
          entityId: claims.userId,
        });
      });
      throw error;
    }
    const session = await this.connection.systemTransaction(ctx, (tx) =>
      this.startSession(tx, membership, {
        secondFactor: input.recoveryCode ? 'RECOVERY_CODE' : 'TOTP',
      }),
    );
    return { session, recoveryCodes };
  }

  /** The user a sign-in challenge is for, or null when it is not (any more) valid. */
  async challengedUser(challengeToken: string): Promise<string | null> {
    return (await this.challenges.verify(challengeToken))?.userId ?? null;
  }

  /**
   * Rotates a refresh token: the presented one stops working and the new pair joins its family.
   * A token presented after it was rotated was stolen or replayed: the whole family is revoked.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<IssuedSession> {
    return this.limiter.guard(ctx, guessLimits(this.config, 'refresh', ctx.ip), () =>
      this.rotate(ctx, refreshToken),
    );
  }

  private async rotate(ctx: RequestContext, refreshToken: string): Promise<IssuedSession> {
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

  private async startSession(
    ctx: RequestContext,
    membership: Membership,
    how: { secondFactor: 'TOTP' | 'RECOVERY_CODE' | null },
  ): Promise<IssuedSession> {
    const session = await this.issue(ctx, membership, newId());
    await this.audit.record(ctx, {
      organizationId: membership.organizationId,
      actor: this.actorOf(session),
      action: 'session.signed_in',
      entityType: 'session',
      entityId: session.familyId,
      after: {
        role: membership.role,
        ...(how.secondFactor ? { secondFactor: how.secondFactor } : {}),
      },
    });
    return session;
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
