import type { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyScope, DomainException, Role, type RequestContext } from '#core';
import { MemberService, OrganizationService, PasswordService, SignUpService } from '#identity';
import { Allow, MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import {
  MEMBER_TYPE,
  ORGANIZATION_TYPE,
  toMemberModel,
  toOrganizationModel,
} from './identity.mapper.js';
import { OrganizationModel, type RoleModel } from './identity.model.js';
import {
  CompleteSignUpInput,
  CompleteSignUpPayload,
  SignUpInput,
  SignUpPayload,
} from './sign-up.model.js';
import {
  AcceptMemberInvitationInput,
  AcceptMemberInvitationPayload,
  ChangeMemberRoleInput,
  ChangeMemberRolePayload,
  InviteMemberInput,
  InviteMemberPayload,
  MemberModel,
  RemoveMemberInput,
  RemoveMemberPayload,
  RequestPasswordResetInput,
  RequestPasswordResetPayload,
  UpdateOrganizationSettingsInput,
  UpdateOrganizationSettingsPayload,
} from './member.model.js';

const INVITATION_TYPE = 'MemberInvitation';
const ADMINS: AccessRule = { roles: [Role.Admin] };
/** Everyone in the organization sees who is in it (owners are chosen among members). */
const READ_MEMBERS: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };
const MemberConnection = Connection(MemberModel, MEMBER_TYPE);

@Resolver(() => MemberModel)
export class MemberResolver implements OnModuleInit {
  constructor(
    private readonly memberService: MemberService,
    private readonly organizations: OrganizationService,
    private readonly passwords: PasswordService,
    private readonly signUps: SignUpService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(MEMBER_TYPE, {
      access: READ_MEMBERS,
      fetch: async ({ ctx }, id) => {
        const [membership] = await this.memberService.findByIds(ctx, [id]);
        return membership ? toMemberModel(membership) : null;
      },
    });
  }

  @Allow(READ_MEMBERS)
  @Query(() => OrganizationModel, { description: 'The organization the caller acts in.' })
  async organization(@Ctx() ctx: RequestContext): Promise<OrganizationModel> {
    return toOrganizationModel(await this.organizations.current(ctx));
  }

  @Allow(READ_MEMBERS)
  @Query(() => MemberConnection, {
    description: 'The organization’s members, longest-standing first.',
  })
  async members(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionValue<MemberModel>> {
    return toConnection(await this.memberService.list(ctx, page), toMemberModel, page.after);
  }

  @Allow(ADMINS)
  @Mutation(() => InviteMemberPayload, {
    description: 'Emails a single-use invitation, valid 7 days.',
  })
  async inviteMember(
    @Ctx() ctx: RequestContext,
    @Args('input') input: InviteMemberInput,
  ): Promise<InviteMemberPayload> {
    const invitation = await this.memberService.invite(ctx, {
      email: input.email,
      role: input.role as unknown as Role,
      locale: input.locale,
    });
    return {
      invitation: {
        id: toGlobalId(INVITATION_TYPE, invitation.id),
        email: invitation.email,
        role: invitation.role as unknown as RoleModel,
        expiresAt: invitation.expiresAt,
      },
    };
  }

  @Allow({ public: true })
  @Mutation(() => AcceptMemberInvitationPayload, {
    description:
      'Joins with the token of an invitation email; creates the account if there is none.',
  })
  async acceptMemberInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcceptMemberInvitationInput,
  ): Promise<AcceptMemberInvitationPayload> {
    const accepted = await this.memberService.accept(ctx, input);
    return {
      email: accepted.user.email,
      organizationName: accepted.organization.name,
      organizationId: toGlobalId(ORGANIZATION_TYPE, accepted.organization.id),
      role: accepted.role as unknown as RoleModel,
    };
  }

  @Allow(ADMINS)
  @Mutation(() => ChangeMemberRolePayload, {
    description: 'The last admin cannot be demoted (CONFLICT).',
  })
  async changeMemberRole(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangeMemberRoleInput,
  ): Promise<ChangeMemberRolePayload> {
    const { id } = fromGlobalId(input.memberId, {
      path: 'input.memberId',
      expectedType: MEMBER_TYPE,
    });
    await this.memberService.changeRole(ctx, id, input.role as unknown as Role);
    const [membership] = await this.memberService.findByIds(ctx, [id]);
    if (!membership) throw DomainException.notFound('Member');
    return { member: toMemberModel(membership) };
  }

  @Allow(ADMINS)
  @Mutation(() => RemoveMemberPayload, {
    description: 'Their sign-ins here end at once. The last admin cannot be removed (CONFLICT).',
  })
  async removeMember(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RemoveMemberInput,
  ): Promise<RemoveMemberPayload> {
    const { id } = fromGlobalId(input.memberId, {
      path: 'input.memberId',
      expectedType: MEMBER_TYPE,
    });
    await this.memberService.remove(ctx, id);
    return { removedMemberId: input.memberId };
  }

  @Allow({ public: true })
  @Mutation(() => RequestPasswordResetPayload, {
    description:
      'Emails a reset token if the address has an account; the answer is the same either way.',
  })
  async requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RequestPasswordResetInput,
  ): Promise<RequestPasswordResetPayload> {
    await this.passwords.requestReset(ctx, input);
    return { accepted: true };
  }

  @Allow({ public: true })
  @Mutation(() => SignUpPayload, {
    description:
      'Asks to create an organization (when SIGNUP_ENABLED): confirmed from the mailbox.',
  })
  async signUp(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SignUpInput,
  ): Promise<SignUpPayload> {
    await this.signUps.request(ctx, input);
    return { accepted: true };
  }

  @Allow({ public: true })
  @Mutation(() => CompleteSignUpPayload, {
    description: 'Creates the organization of a confirmed sign-up.',
  })
  async completeSignUp(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CompleteSignUpInput,
  ): Promise<CompleteSignUpPayload> {
    const created = await this.signUps.complete(ctx, input);
    return {
      organizationId: toGlobalId(ORGANIZATION_TYPE, created.organization.id),
      organizationName: created.organization.name,
      email: created.admin.email,
    };
  }

  @Allow(ADMINS)
  @Mutation(() => UpdateOrganizationSettingsPayload)
  async updateOrganizationSettings(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateOrganizationSettingsInput,
  ): Promise<UpdateOrganizationSettingsPayload> {
    const organization = await this.organizations.updateSettings(ctx, input);
    return { organization: toOrganizationModel(organization) };
  }
}
