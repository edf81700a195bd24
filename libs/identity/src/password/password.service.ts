import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '#audit';
import { EmailService, type Locale } from '#notification';
import { emailRequestLimits } from '../abuse-limits.js';
import { normalizeEmail } from '../email.js';
import {
  AppConfig,
  Clock,
  DomainException,
  RateLimiter,
  ErrorCode,
  TransactionalConnection,
  hashToken,
  randomToken,
  type RequestContext,
  guessLimits,
} from '#core';
import { Membership } from '../membership.entity.js';
import { RefreshSession } from '../session/refresh-session.entity.js';
import { User } from '../user.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { PasswordToken, type PasswordTokenPurpose } from './password-token.entity.js';

@Injectable()
export class PasswordService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly emails: EmailService,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * Emails a reset token to `email` if an account has it. The answer and its timing are the same
   * either way, so the caller learns nothing about which addresses have accounts.
   */
  async requestReset(ctx: RequestContext, input: { email: string; locale: Locale }): Promise<void> {
    // Every request counts (not only failures): nobody floods a mailbox with reset emails.
    const rules = emailRequestLimits('reset-request', ctx.ip, input.email);
    await this.connection.transaction(ctx, async (tx) => {
      await this.limiter.assertAllowed(tx, rules);
      await this.limiter.recordFailure(tx, rules);
    });
    await this.connection.systemTransaction(ctx, async (tx) => {
      const user = await (
        await this.connection.repository(tx, User)
      ).findOneBy({ email: normalizeEmail(input.email) });
      if (!user) return;
      const token = await this.issueToken(tx, user.id, 'RESET');
      const expiresAt = new Date(
        this.clock.now().getTime() + this.config.auth.passwordTokenTtlHours * 3_600_000,
      );
      await this.emails.send(tx, {
        to: user.email,
        template: 'password-reset',
        locale: input.locale,
        params: { apiUrl: `${this.config.publicUrl}/graphql`, expiresAt: expiresAt.toISOString() },
        secretParams: { token },
      });
    });
  }

  /**
   * A new single-use token to set `userId`'s password; earlier unused ones of the same purpose
   * stop working. Returns the token: it is stored only as a hash.
   */
  async issueToken(
    ctx: RequestContext,
    userId: string,
    purpose: PasswordTokenPurpose,
  ): Promise<string> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const tokens = await this.connection.repository(tx, PasswordToken);
      await tokens.update({ userId, purpose, usedAt: IsNull() }, { usedAt: this.clock.now() });
      const token = randomToken();
      await tokens.insert(
        tokens.create({
          userId,
          purpose,
          tokenHash: hashToken(token),
          expiresAt: new Date(
            this.clock.now().getTime() + this.config.auth.passwordTokenTtlHours * 3_600_000,
          ),
          usedAt: null,
        }),
      );
      return token;
    });
  }

  /**
   * Sets a password with a token from issueToken. The token works once; every session of the
   * user ends, in every organization. A used, expired or unknown token gets one answer.
   */
  async resetPassword(
    ctx: RequestContext,
    input: { token: string; newPassword: string },
  ): Promise<User> {
    return this.limiter.guard(ctx, guessLimits(this.config, 'password-token', ctx.ip), () =>
      this.setPassword(ctx, input),
    );
  }

  private async setPassword(
    ctx: RequestContext,
    input: { token: string; newPassword: string },
  ): Promise<User> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const tokens = await this.connection.repository(tx, PasswordToken);
      const token = await tokens.findOne({
        where: { tokenHash: hashToken(input.token) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (!token || token.usedAt || token.expiresAt <= now) {
        throw new DomainException(
          ErrorCode.BadUserInput,
          'This link is not valid any more: ask for a new one',
          {
            fields: [{ path: 'input.token', message: 'unknown, used or expired' }],
          },
        );
      }
      const users = await this.connection.repository(tx, User);
      const user = await users.findOneByOrFail({ id: token.userId });
      checkPassword(input.newPassword, user.email);
      user.passwordHash = await this.hasher.hash(input.newPassword);
      await users.save(user);
      await tokens.update({ id: token.id }, { usedAt: now });
      await (
        await this.connection.repository(tx, RefreshSession)
      ).update(
        { userId: user.id, revokedAt: IsNull() },
        { revokedAt: now, revokedReason: 'PASSWORD_RESET' },
      );
      // A user belongs to no one organization: each of theirs records the change.
      const memberships = await (
        await this.connection.repository(tx, Membership)
      ).findBy({ userId: user.id });
      for (const membership of memberships) {
        await this.audit.record(tx, {
          organizationId: membership.organizationId,
          action: token.purpose === 'SETUP' ? 'user.password_set' : 'user.password_reset',
          entityType: 'user',
          entityId: user.id,
          before: { passwordHash: 'previous' },
          after: { passwordHash: 'new' },
        });
      }
      return user;
    });
  }
}
