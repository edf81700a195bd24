import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '#audit';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  RateLimiter,
  Role,
  TransactionalConnection,
  hashToken,
  paginate,
  randomToken,
  type Page,
  type PageRequest,
  type RequestContext,
  guessLimits,
} from '#core';
import { EmailService, type Locale } from '#notification';
import { normalizeEmail } from '../email.js';
import { Membership } from '../membership.entity.js';
import { Organization } from '../organization.entity.js';
import { PasswordHasher } from '../password/password-hasher.js';
import { checkPassword } from '../password/password-policy.js';
import { RefreshSession } from '../session/refresh-session.entity.js';
import { User } from '../user.entity.js';
import { MemberInvitation } from './member-invitation.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long an invitation works. */
export const INVITATION_TTL_DAYS = 7;

export interface AcceptedInvitation {
  readonly organization: Organization;
  readonly user: User;
  readonly role: Role;
}

const invalidInvitation = () =>
  new DomainException(
    ErrorCode.BadUserInput,
    'This invitation is not valid any more: ask for a new one',
    {
      fields: [{ path: 'input.token', message: 'unknown, used, revoked or expired' }],
    },
  );

@Injectable()
export class MemberService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly emails: EmailService,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {}

  /** The organization's members (with their users), oldest first. */
  async list(ctx: RequestContext, page: PageRequest): Promise<Page<Membership>> {
    const query = (await this.connection.repository(ctx, Membership))
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user');
    return paginate(query, page, {
      column: 'membership.created_at',
      property: 'createdAt',
      direction: 'ASC',
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Membership[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, Membership))
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.user', 'user')
      .where('membership.id IN (:...ids)', { ids })
      .getMany();
  }

  /**
   * The addresses of members of the organization, named by membership id or by user id, once
   * each, in the order first named. Who is not a member (a removed one, an API key's or a
   * system actor's id, null) is skipped: notifications go to whoever can still be reached.
   */
  async emailsOf(
    ctx: RequestContext,
    members: ReadonlyArray<{ membershipId: string | null } | { userId: string | null }>,
  ): Promise<string[]> {
    const named = members.map((member) =>
      'membershipId' in member
        ? { column: 'membershipId' as const, id: member.membershipId }
        : { column: 'userId' as const, id: member.userId },
    );
    // Actor ids are free-form (a system actor's is a name): only a UUID can name a row.
    const wanted = named.filter((member) => member.id !== null && UUID.test(member.id));
    if (wanted.length === 0) return [];
    const membershipIds = wanted.filter((m) => m.column === 'membershipId').map((m) => m.id);
    const userIds = wanted.filter((m) => m.column === 'userId').map((m) => m.id);
    const found = await (
      await this.connection.repository(ctx, Membership)
    )
      .createQueryBuilder('membership')
      .innerJoin('membership.user', 'user')
      .select(['membership.id', 'membership.userId', 'user.id', 'user.email'])
      .where('membership.id = ANY(:membershipIds) OR membership.user_id = ANY(:userIds)', {
        membershipIds,
        userIds,
      })
      .getMany();
    const emails = wanted.flatMap(({ column, id }) => {
      const membership = found.find((row) =>
        column === 'membershipId' ? row.id === id : row.userId === id,
      );
      return membership?.user ? [membership.user.email] : [];
    });
    return [...new Set(emails)];
  }

  /**
   * Invites `email` with `role`: an email carries a single-use token. A pending invitation of
   * the same address is replaced; a current member cannot be invited again.
   */
  async invite(
    ctx: RequestContext,
    input: { email: string; role: Role; locale: Locale },
  ): Promise<MemberInvitation> {
    const email = normalizeEmail(input.email);
    return this.connection.transaction(ctx, async (tx) => {
      const organization = await (
        await this.connection.repository(tx, Organization)
      ).findOneByOrFail({
        id: ctx.organizationId!,
      });
      const existing = await (
        await this.connection.repository(tx, Membership)
      )
        .createQueryBuilder('membership')
        .innerJoin('membership.user', 'user')
        .where('user.email = :email', { email })
        .getExists();
      if (existing) throw DomainException.conflict('This person is already a member');
      const invitations = await this.connection.repository(tx, MemberInvitation);
      const now = this.clock.now();
      await invitations.update(
        { email, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: now },
      );
      const token = randomToken();
      const invitation = invitations.create({
        organizationId: organization.id,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
        acceptedAt: null,
        revokedAt: null,
      });
      await invitations.insert(invitation);
      await this.audit.record(tx, {
        action: 'member_invitation.created',
        entityType: 'member_invitation',
        entityId: invitation.id,
        after: {
          role: invitation.role,
          expiresAt: invitation.expiresAt,
          tokenHash: invitation.tokenHash,
        },
      });
      await this.emails.send(tx, {
        to: email,
        template: 'member-invitation',
        locale: input.locale,
        organizationId: organization.id,
        params: {
          organizationName: organization.name,
          role: invitation.role,
          apiUrl: `${this.config.publicUrl}/graphql`,
          expiresAt: invitation.expiresAt.toISOString(),
        },
        secretParams: { token },
      });
      return invitation;
    });
  }

  /**
   * Joins the organization of an invitation. The token proves the invitee reads that mailbox:
   * an existing account joins as it is; a new one is created with `password`.
   */
  async accept(
    ctx: RequestContext,
    input: { token: string; password?: string | null; displayName?: string | null },
  ): Promise<AcceptedInvitation> {
    return this.limiter.guard(ctx, guessLimits(this.config, 'invitation', ctx.ip), () =>
      this.join(ctx, input),
    );
  }

  private async join(
    ctx: RequestContext,
    input: { token: string; password?: string | null; displayName?: string | null },
  ): Promise<AcceptedInvitation> {
    return this.connection.systemTransaction(ctx, async (tx) => {
      const invitations = await this.connection.repository(tx, MemberInvitation);
      const invitation = await invitations.findOne({
        where: { tokenHash: hashToken(input.token) },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      if (
        !invitation ||
        invitation.acceptedAt ||
        invitation.revokedAt ||
        invitation.expiresAt <= now
      ) {
        throw invalidInvitation();
      }
      const users = await this.connection.repository(tx, User);
      let user = await users.findOneBy({ email: invitation.email });
      if (!user) {
        if (!input.password) {
          throw DomainException.badUserInput('Choose a password for your new account', [
            { path: 'input.password', message: 'required for a new account' },
          ]);
        }
        checkPassword(input.password, invitation.email, 'input.password');
        user = users.create({
          email: invitation.email,
          displayName: input.displayName?.trim() || invitation.email,
          passwordHash: await this.hasher.hash(input.password),
        });
        await users.insert(user);
      }
      const memberships = await this.connection.repository(tx, Membership);
      const membership = memberships.create({
        organizationId: invitation.organizationId,
        userId: user.id,
        role: invitation.role,
      });
      await memberships.insert(membership);
      await invitations.update({ id: invitation.id }, { acceptedAt: now });
      const actor = {
        kind: 'user' as const,
        userId: user.id,
        role: invitation.role,
        sessionId: invitation.id,
      };
      await this.audit.record(tx, {
        organizationId: invitation.organizationId,
        actor,
        action: 'membership.created',
        entityType: 'membership',
        entityId: membership.id,
        after: { userId: user.id, role: membership.role, invitationId: invitation.id },
      });
      const organization = await (
        await this.connection.repository(tx, Organization)
      ).findOneByOrFail({
        id: invitation.organizationId,
      });
      return { organization, user, role: invitation.role };
    });
  }

  /** Gives a member another role. The last admin cannot stop being one. */
  async changeRole(ctx: RequestContext, membershipId: string, role: Role): Promise<Membership> {
    return this.connection.transaction(ctx, async (tx) => {
      const membership = await this.lockForChange(tx, membershipId, role !== Role.Admin);
      if (membership.role === role) return membership;
      const before = membership.role;
      membership.role = role;
      await (
        await this.connection.repository(tx, Membership)
      ).update({ id: membership.id }, { role });
      await this.audit.record(tx, {
        action: 'membership.role_changed',
        entityType: 'membership',
        entityId: membership.id,
        before: { role: before },
        after: { role },
      });
      return membership;
    });
  }

  /** Removes a member; their sign-ins in the organization end. The last admin stays. */
  async remove(ctx: RequestContext, membershipId: string): Promise<Membership> {
    return this.connection.transaction(ctx, async (tx) => {
      const membership = await this.lockForChange(tx, membershipId, true);
      await (await this.connection.repository(tx, Membership)).delete({ id: membership.id });
      await (
        await this.connection.repository(tx, RefreshSession)
      ).update(
        { userId: membership.userId, revokedAt: IsNull() },
        { revokedAt: this.clock.now(), revokedReason: 'MEMBERSHIP_ENDED' },
      );
      await this.audit.record(tx, {
        action: 'membership.removed',
        entityType: 'membership',
        entityId: membership.id,
        before: { userId: membership.userId, role: membership.role },
      });
      return membership;
    });
  }

  /**
   * Loads a membership for a change. When the change would take away an admin, every admin row
   * of the organization is locked first and counted: two concurrent demotions cannot both pass.
   */
  private async lockForChange(
    ctx: RequestContext,
    membershipId: string,
    takesAwayAdmin: boolean,
  ): Promise<Membership> {
    const memberships = await this.connection.repository(ctx, Membership);
    const admins = takesAwayAdmin
      ? await memberships.find({ where: { role: Role.Admin }, lock: { mode: 'pessimistic_write' } })
      : [];
    const membership = await memberships.findOne({
      where: { id: membershipId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!membership) throw DomainException.notFound('Member');
    if (takesAwayAdmin && membership.role === Role.Admin && admins.length <= 1) {
      throw DomainException.conflict(
        'The last admin of an organization cannot be removed or demoted',
      );
    }
    return membership;
  }
}
