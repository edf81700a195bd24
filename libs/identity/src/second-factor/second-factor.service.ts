import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { IsNull } from 'typeorm';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  ErrorCode,
  SecretBox,
  TransactionalConnection,
  hashToken,
  type RequestContext,
} from '#core';
import { Membership } from '../membership.entity.js';
import { User } from '../user.entity.js';
import { RecoveryCode, SecondFactor } from './second-factor.entity.js';

const ISSUER = 'Assay';
const PERIOD_SECONDS = 30;
const RECOVERY_CODES = 10;
const sealContext = (userId: string) => `totp:${userId}`;

export interface Enrollment {
  /** Base32, for typing into an authenticator. */
  readonly secret: string;
  /** `otpauth://` URI, for a QR code. */
  readonly uri: string;
}

const wrongCode = (path: string) =>
  new DomainException(ErrorCode.BadUserInput, 'The code is not right', {
    fields: [{ path, message: 'wrong, expired or already used' }],
  });

@Injectable()
export class SecondFactorService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Whether the user has a confirmed authenticator. */
  async isEnabled(ctx: RequestContext, userId: string): Promise<boolean> {
    const factor = await (
      await this.connection.repository(ctx, SecondFactor)
    ).findOneBy({ userId });
    return Boolean(factor?.confirmedAt);
  }

  /**
   * Starts (or restarts) enrollment: a new secret, not yet in force. Refused while a confirmed
   * authenticator exists: disable it first.
   */
  async enroll(ctx: RequestContext, userId: string): Promise<Enrollment> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const factors = await this.connection.repository(tx, SecondFactor);
      const existing = await factors.findOne({
        where: { userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.confirmedAt)
        throw DomainException.conflict('A second factor is already set up: disable it first');
      const user = await (
        await this.connection.repository(tx, User)
      ).findOneByOrFail({ id: userId });
      const secret = new Secret({ size: 20 });
      const sealed = this.secrets.seal(secret.base32, sealContext(userId));
      await factors.upsert(
        { userId, secretSealed: sealed, confirmedAt: null, lastUsedStep: null },
        ['userId'],
      );
      return { secret: secret.base32, uri: this.totp(secret.base32, user.email).toString() };
    });
  }

  /**
   * Confirms enrollment with a first correct code and returns fresh recovery codes (shown once;
   * earlier ones stop working). Records it in every organization of the user.
   */
  async confirm(
    ctx: RequestContext,
    userId: string,
    code: string,
    path = 'input.code',
  ): Promise<string[]> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const factor = await this.lockFactor(tx, userId);
      if (!factor || factor.confirmedAt)
        throw DomainException.conflict('There is no enrollment to confirm');
      this.acceptCode(factor, code, path);
      factor.confirmedAt = this.clock.now();
      await (await this.connection.repository(tx, SecondFactor)).save(factor);
      const codes = await this.replaceRecoveryCodes(tx, userId);
      await this.recordInOrganizations(tx, userId, 'user.second_factor_enabled', {
        secondFactor: 'TOTP',
      });
      return codes;
    });
  }

  /**
   * Checks a sign-in's second factor: a code from the authenticator, or one unused recovery
   * code (which then stops working). Throws BAD_USER_INPUT for anything else.
   */
  async verify(
    ctx: RequestContext,
    userId: string,
    answer: { code?: string | null; recoveryCode?: string | null },
  ): Promise<void> {
    await this.connection.systemTransaction(ctx, async (tx) => {
      if (answer.recoveryCode) {
        const codes = await this.connection.repository(tx, RecoveryCode);
        const match = await codes.findOne({
          where: {
            userId,
            codeHash: hashToken(normalizeRecoveryCode(answer.recoveryCode)),
            usedAt: IsNull(),
          },
          lock: { mode: 'pessimistic_write' },
        });
        if (!match) throw wrongCode('input.recoveryCode');
        await codes.update({ id: match.id }, { usedAt: this.clock.now() });
        await this.recordInOrganizations(tx, userId, 'user.recovery_code_used', {});
        return;
      }
      const factor = await this.lockFactor(tx, userId);
      if (!factor?.confirmedAt || !answer.code) throw wrongCode('input.code');
      this.acceptCode(factor, answer.code, 'input.code');
      await (await this.connection.repository(tx, SecondFactor)).save(factor);
    });
  }

  /** Turns the authenticator off, with a current code. */
  async disable(ctx: RequestContext, userId: string, code: string): Promise<void> {
    await this.connection.systemTransaction(ctx, async (tx) => {
      const factor = await this.lockFactor(tx, userId);
      if (!factor?.confirmedAt) throw DomainException.conflict('No second factor is set up');
      this.acceptCode(factor, code, 'input.code');
      await (await this.connection.repository(tx, SecondFactor)).delete({ userId });
      await (await this.connection.repository(tx, RecoveryCode)).delete({ userId });
      await this.recordInOrganizations(tx, userId, 'user.second_factor_disabled', {});
    });
  }

  private async lockFactor(ctx: RequestContext, userId: string): Promise<SecondFactor | null> {
    return (await this.connection.repository(ctx, SecondFactor)).findOne({
      where: { userId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Accepts a code for the current step or one either side, once (replays are refused). */
  private acceptCode(factor: SecondFactor, code: string, path: string): void {
    const secret = this.secrets.open(factor.secretSealed, sealContext(factor.userId));
    const now = this.clock.now().getTime();
    const delta = this.totp(secret).validate({
      token: code.replace(/\s/g, ''),
      timestamp: now,
      window: 1,
    });
    if (delta === null) throw wrongCode(path);
    const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    if (factor.lastUsedStep !== null && step <= Number(factor.lastUsedStep)) throw wrongCode(path);
    factor.lastUsedStep = String(step);
  }

  private totp(secret: string, label = 'account'): TOTP {
    return new TOTP({
      issuer: ISSUER,
      label,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD_SECONDS,
      secret: Secret.fromBase32(secret),
    });
  }

  private async replaceRecoveryCodes(ctx: RequestContext, userId: string): Promise<string[]> {
    const repository = await this.connection.repository(ctx, RecoveryCode);
    await repository.delete({ userId });
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(10).toString('hex');
      return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15)}`;
    });
    await repository.insert(
      codes.map((code) =>
        repository.create({
          userId,
          codeHash: hashToken(normalizeRecoveryCode(code)),
          usedAt: null,
        }),
      ),
    );
    return codes;
  }

  private async recordInOrganizations(
    ctx: RequestContext,
    userId: string,
    action: string,
    after: Record<string, unknown>,
  ) {
    for (const membership of await (
      await this.connection.repository(ctx, Membership)
    ).findBy({ userId })) {
      await this.audit.record(ctx, {
        organizationId: membership.organizationId,
        action,
        entityType: 'user',
        entityId: userId,
        after,
      });
    }
  }
}

function normalizeRecoveryCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
}
