import type { OnModuleInit } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { DomainException, type RequestContext } from '#core';
import { OrganizationService } from '#identity';
import { Allow, MEMBER_ROLES } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { ORGANIZATION_TYPE, toOrganizationModel, toUserModel } from './identity.mapper.js';
import { ViewerModel } from './identity.model.js';

@Resolver(() => ViewerModel)
export class ViewerResolver implements OnModuleInit {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    // Only the caller's own organization is ever found (row-level security hides the others).
    this.nodes.register(ORGANIZATION_TYPE, {
      access: { roles: MEMBER_ROLES },
      fetch: async ({ ctx }, id) => {
        if (id !== ctx.organizationId) return null;
        return toOrganizationModel(await this.organizations.current(ctx));
      },
    });
  }

  @Allow({ roles: MEMBER_ROLES })
  @Query(() => ViewerModel, { description: 'The signed-in user, their organization and role.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerModel> {
    if (ctx.actor.kind !== 'user') throw DomainException.forbidden();
    const [organization, [user], memberships] = await Promise.all([
      this.organizations.current(ctx),
      this.organizations.usersByIds(ctx, [ctx.actor.userId]),
      this.organizations.membershipsOfViewer(ctx),
    ]);
    if (!user) throw DomainException.notFound('User');
    return {
      user: toUserModel(user),
      organization: toOrganizationModel(organization),
      role: ctx.actor.role,
      memberships: memberships.map((membership) => ({
        organization: toOrganizationModel(membership.organization),
        role: membership.role,
      })),
    };
  }
}
