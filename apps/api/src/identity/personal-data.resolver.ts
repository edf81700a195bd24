import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, type RequestContext } from '#core';
import { PersonalDataService } from '#identity';
import { toAuditEventModel } from '../audit/audit.mapper.js';
import { Allow, MEMBER_ROLES } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { USER_TYPE, toOrganizationModel, toUserModel } from './identity.mapper.js';
import {
  EraseMemberDataInput,
  EraseMemberDataPayload,
  PersonalDataModel,
} from './personal-data.model.js';

@Resolver(() => PersonalDataModel)
export class PersonalDataResolver {
  constructor(private readonly personalData: PersonalDataService) {}

  @Allow({ roles: MEMBER_ROLES })
  @Query(() => PersonalDataModel, { description: 'Export of everything Assay keeps about you.' })
  async myPersonalData(@Ctx() ctx: RequestContext): Promise<PersonalDataModel> {
    const data = await this.personalData.export(ctx);
    return {
      user: toUserModel(data.user),
      createdAt: data.user.createdAt,
      secondFactorEnabled: data.secondFactorEnabled,
      memberships: data.memberships.map((membership) => ({
        organization: toOrganizationModel(membership.organization),
        role: membership.role,
      })),
      signIns: data.sessions.map((session) => ({
        createdAt: session.createdAt,
        expiresAt: session.expiresAt,
        revokedAt: session.revokedAt,
        ip: session.ip,
      })),
      activity: data.activity.map(toAuditEventModel),
    };
  }

  @Allow({ roles: [Role.Admin] })
  @Mutation(() => EraseMemberDataPayload, {
    description:
      'Erases a former member’s name and address everywhere; the audit trail stays whole.',
  })
  async eraseMemberData(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EraseMemberDataInput,
  ): Promise<EraseMemberDataPayload> {
    const { id } = fromGlobalId(input.userId, { path: 'input.userId', expectedType: USER_TYPE });
    await this.personalData.eraseFormerMember(ctx, id);
    return { erasedUserId: input.userId };
  }
}
