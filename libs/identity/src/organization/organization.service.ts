import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '#audit';
import { DomainException, Role, TransactionalConnection, type RequestContext } from '#core';
import { normalizeEmail } from '../email.js';
import { Membership } from '../membership.entity.js';
import { Organization, type SecondFactorPolicy } from '../organization.entity.js';
import { PasswordService } from '../password/password.service.js';
import { User } from '../user.entity.js';

export interface CreatedOrganization {
  readonly organization: Organization;
  readonly admin: User;
  /** A token to set the admin's password, when the admin has none yet. */
  readonly passwordSetupToken: string | null;
}

export interface ViewerMembership {
  readonly organization: Organization;
  readonly role: Role;
  readonly joinedAt: Date;
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  /** A new organization with its first admin (an existing user, or a new one without password). */
  async createWithAdmin(
    ctx: RequestContext,
    input: { name: string; adminEmail: string; adminName?: string | null },
  ): Promise<CreatedOrganization> {
    const name = input.name.trim();
    if (!name)
      throw DomainException.badUserInput('The organization needs a name', [
        { path: 'name', message: 'empty' },
      ]);
    const email = normalizeEmail(input.adminEmail);
    return this.connection.systemTransaction(ctx, async (tx) => {
      const organizations = await this.connection.repository(tx, Organization);
      const organization = organizations.create({ name, secondFactorPolicy: 'OFF' });
      await organizations.insert(organization);
      const users = await this.connection.repository(tx, User);
      let admin = await users.findOneBy({ email });
      if (!admin) {
        admin = users.create({
          email,
          displayName: input.adminName?.trim() || email,
          passwordHash: null,
        });
        await users.insert(admin);
      }
      const memberships = await this.connection.repository(tx, Membership);
      const membership = memberships.create({
        organizationId: organization.id,
        userId: admin.id,
        role: Role.Admin,
      });
      await memberships.insert(membership);
      await this.audit.record(tx, {
        organizationId: organization.id,
        action: 'organization.created',
        entityType: 'organization',
        entityId: organization.id,
        after: { name: organization.name, secondFactorPolicy: organization.secondFactorPolicy },
      });
      await this.audit.record(tx, {
        organizationId: organization.id,
        action: 'membership.created',
        entityType: 'membership',
        entityId: membership.id,
        after: { userId: admin.id, role: membership.role },
      });
      const passwordSetupToken = admin.passwordHash
        ? null
        : await this.passwords.issueToken(tx, admin.id, 'SETUP');
      return { organization, admin, passwordSetupToken };
    });
  }

  /** Renames the organization, changes who must use a second factor, or whether vendors see scores. */
  async updateSettings(
    ctx: RequestContext,
    input: {
      name?: string | null;
      secondFactorPolicy?: SecondFactorPolicy | null;
      shareScoreWithVendor?: boolean | null;
    },
  ): Promise<Organization> {
    const name = input.name?.trim();
    if (input.name !== undefined && input.name !== null && !name) {
      throw DomainException.badUserInput('The organization needs a name', [
        { path: 'input.name', message: 'empty' },
      ]);
    }
    return this.connection.transaction(ctx, async (tx) => {
      const organizations = await this.connection.repository(tx, Organization);
      const organization = await organizations.findOne({
        where: { id: ctx.organizationId! },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw DomainException.notFound('Organization');
      const before = {
        name: organization.name,
        secondFactorPolicy: organization.secondFactorPolicy,
        shareScoreWithVendor: organization.shareScoreWithVendor,
      };
      if (name) organization.name = name;
      if (input.secondFactorPolicy) organization.secondFactorPolicy = input.secondFactorPolicy;
      if (typeof input.shareScoreWithVendor === 'boolean') {
        organization.shareScoreWithVendor = input.shareScoreWithVendor;
      }
      await organizations.save(organization);
      await this.audit.record(tx, {
        action: 'organization.settings_changed',
        entityType: 'organization',
        entityId: organization.id,
        before,
        after: {
          name: organization.name,
          secondFactorPolicy: organization.secondFactorPolicy,
          shareScoreWithVendor: organization.shareScoreWithVendor,
        },
      });
      return organization;
    });
  }

  /** The organization of `ctx`. */
  async current(ctx: RequestContext): Promise<Organization> {
    if (!ctx.organizationId) throw DomainException.notFound('Organization');
    const organization = await (
      await this.connection.repository(ctx, Organization)
    ).findOneBy({
      id: ctx.organizationId,
    });
    if (!organization) throw DomainException.notFound('Organization');
    return organization;
  }

  async usersByIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, User)).findBy({ id: In([...ids]) });
  }

  /** Every organization the user of `ctx` belongs to, with the role in each. */
  async membershipsOfViewer(ctx: RequestContext): Promise<ViewerMembership[]> {
    if (ctx.actor.kind !== 'user') return [];
    const userId = ctx.actor.userId;
    return this.connection.systemTransaction(ctx, async (tx) => {
      const memberships = await (
        await this.connection.repository(tx, Membership)
      )
        .createQueryBuilder('membership')
        .innerJoinAndSelect('membership.organization', 'organization')
        .where('membership.user_id = :userId', { userId })
        .orderBy('membership.created_at', 'ASC')
        .getMany();
      return memberships.map((membership) => ({
        organization: membership.organization!,
        role: membership.role,
        joinedAt: membership.createdAt,
      }));
    });
  }
}
