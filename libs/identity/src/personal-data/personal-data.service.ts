import { Injectable } from '@nestjs/common';
import { AuditService, type AuditEvent } from '#audit';
import { DomainException, TransactionalConnection, type RequestContext } from '#core';
import { Membership } from '../membership.entity.js';
import { SecondFactor } from '../second-factor/second-factor.entity.js';
import { RefreshSession } from '../session/refresh-session.entity.js';
import {
  OrganizationService,
  type ViewerMembership,
} from '../organization/organization.service.js';
import { User } from '../user.entity.js';

export interface PersonalData {
  readonly user: User;
  readonly secondFactorEnabled: boolean;
  readonly memberships: readonly ViewerMembership[];
  readonly sessions: readonly RefreshSession[];
  /** Everything the user did, and everything done to them, in every organization. */
  readonly activity: readonly AuditEvent[];
}

/** The address an erased user keeps: unique, and says nothing about them. */
export function erasedEmail(userId: string): string {
  return `erased+${userId}@erased.invalid`;
}

/**
 * The rights of the people whose data Assay holds: a user exports what Assay keeps about them;
 * an admin erases a departed member. Audit events name people by id only, so erasing a person
 * leaves every event, and the hash chain, as it was.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
  ) {}

  /** What Assay keeps about the signed-in user, across organizations. */
  async export(ctx: RequestContext): Promise<PersonalData> {
    if (ctx.actor.kind !== 'user') throw DomainException.forbidden();
    const userId = ctx.actor.userId;
    return this.connection.systemTransaction(ctx, async (tx) => {
      const user = await (
        await this.connection.repository(tx, User)
      ).findOneByOrFail({ id: userId });
      const memberships = await this.organizations.membershipsOfViewer(tx);
      const sessions = await (
        await this.connection.repository(tx, RefreshSession)
      ).find({
        where: { userId },
        order: { createdAt: 'ASC' },
      });
      const factor = await (
        await this.connection.repository(tx, SecondFactor)
      ).findOneBy({ userId });
      const activity = await this.audit.involving(tx, userId);
      return {
        user,
        secondFactorEnabled: Boolean(factor?.confirmedAt),
        memberships,
        sessions,
        activity,
      };
    });
  }

  /**
   * Erases a former member's personal data: name and address pseudonymized everywhere they
   * appear, credentials deleted. Only someone this organization's trail knows, and only once
   * they belong to no organization at all (the account is theirs, not one organization's).
   */
  async eraseFormerMember(ctx: RequestContext, userId: string): Promise<void> {
    await this.connection.transaction(ctx, async (tx) => {
      if (!(await this.audit.mentions(tx, userId))) throw DomainException.notFound('User');
      await this.connection.systemTransaction(tx, async (system) => {
        const users = await this.connection.repository(system, User);
        const user = await users.findOne({
          where: { id: userId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!user) throw DomainException.notFound('User');
        if (await (await this.connection.repository(system, Membership)).existsBy({ userId })) {
          throw DomainException.conflict(
            'This person is still a member of an organization: remove them first',
          );
        }
        const pseudonym = erasedEmail(userId);
        const manager = await this.connection.manager(system);
        await manager.query(`UPDATE member_invitation SET email = $2 WHERE email = $1`, [
          user.email,
          pseudonym,
        ]);
        await manager.query(`UPDATE sign_up SET email = $2 WHERE email = $1`, [
          user.email,
          pseudonym,
        ]);
        await manager.query(
          `UPDATE email_message SET recipient = $2, params = '{}', sealed_params = NULL WHERE recipient = $1`,
          [user.email, pseudonym],
        );
        for (const table of [
          'refresh_session',
          'password_token',
          'recovery_code',
          'second_factor',
        ]) {
          await manager.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
        }
        await users.update(
          { id: userId },
          { email: pseudonym, displayName: 'Erased user', passwordHash: null },
        );
      });
      await this.audit.record(tx, {
        action: 'user.erased',
        entityType: 'user',
        entityId: userId,
        after: { erased: true },
      });
    });
  }
}
