import type { OnModuleInit } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditService } from '#audit';
import { ApiKeyScope, Role, type RequestContext } from '#core';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { AuditEventFilter } from './audit.input.js';
import { AUDIT_EVENT_TYPE, toAuditEventModel } from './audit.mapper.js';
import { AuditEventModel, AuditVerificationModel } from './audit.model.js';

const AuditEventConnection = Connection(AuditEventModel, 'AuditEvent');

/** Who may read the trail: not procurement, whose work it records. */
const READ_AUDIT: AccessRule = {
  roles: [Role.Admin, Role.RiskOwner, Role.Viewer],
  apiKey: ApiKeyScope.Read,
};

@Resolver(() => AuditEventModel)
export class AuditResolver implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(AUDIT_EVENT_TYPE, {
      access: READ_AUDIT,
      fetch: async ({ ctx }, id) => {
        const event = await this.audit.findById(ctx, id);
        return event && toAuditEventModel(event);
      },
    });
  }

  @Allow(READ_AUDIT)
  @Query(() => AuditEventConnection, {
    description: 'The organization’s audit trail, newest first.',
  })
  async auditEvents(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
  ): Promise<ConnectionValue<AuditEventModel>> {
    const result = await this.audit.list(ctx, page, filter ?? {});
    return toConnection(result, toAuditEventModel, page.after);
  }

  @Allow(READ_AUDIT)
  @Query(() => AuditVerificationModel, {
    description:
      'Recomputes the whole chain; names the first event that was altered, inserted or removed.',
  })
  async verifyAuditTrail(@Ctx() ctx: RequestContext): Promise<AuditVerificationModel> {
    const result = await this.audit.verify(ctx);
    return { ...result, brokenEvent: result.brokenEvent && toAuditEventModel(result.brokenEvent) };
  }
}
