import type { OnModuleInit } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role, type RequestContext } from '#core';
import { EmailService } from '#notification';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { EmailMessageFilterInput } from './email-message.input.js';
import { EMAIL_MESSAGE_TYPE, toEmailMessageModel } from './email-message.mapper.js';
import { EmailMessageModel } from './email-message.model.js';

/** Email settings and delivery are the admin's (DESIGN: ADMIN owns email settings). */
const READ_EMAILS: AccessRule = { roles: [Role.Admin] };

const EmailMessageConnection = Connection(EmailMessageModel, EMAIL_MESSAGE_TYPE);

@Resolver(() => EmailMessageModel)
export class EmailMessageResolver implements OnModuleInit {
  constructor(
    private readonly emails: EmailService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(EMAIL_MESSAGE_TYPE, {
      access: READ_EMAILS,
      fetch: async ({ ctx }, id) => {
        const [message] = await this.emails.findByIds(ctx, [id]);
        return message ? toEmailMessageModel(message) : null;
      },
    });
  }

  @Allow(READ_EMAILS)
  @Query(() => EmailMessageConnection, {
    description: 'The organization’s emails, newest first, with their delivery state.',
  })
  async emailMessages(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => EmailMessageFilterInput, nullable: true })
    filter?: EmailMessageFilterInput,
  ): Promise<ConnectionValue<EmailMessageModel>> {
    const result = await this.emails.list(ctx, { statuses: filter?.statuses }, page);
    return toConnection(result, toEmailMessageModel, page.after);
  }
}
