import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EMAIL_STATUSES } from '#notification';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { LocaleModel } from '../identity/member.model.js';

export const EmailMessageStatusEnum = exposeEnum(
  Object.fromEntries(EMAIL_STATUSES.map((status) => [status, status])) as {
    [S in (typeof EMAIL_STATUSES)[number]]: S;
  },
  'EmailMessageStatus',
  'PENDING until sent (retried with backoff); SENT; FAILED after the last attempt, or at once when the mail server refused it for good.',
);

@ObjectType('EmailMessage', {
  implements: () => [Node],
  description:
    'An email Assay sent, or is sending, for the organization. Its parameters (links, tokens) are never exposed.',
})
export class EmailMessageModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  recipient!: string;

  @Field({ description: 'Which email, e.g. `assessment-invitation`.' })
  template!: string;

  @Field(() => LocaleModel)
  locale!: LocaleModel;

  @Field(() => EmailMessageStatusEnum)
  status!: string;

  @Field(() => Int, { description: 'Sends tried, failed ones included.' })
  attempts!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (the mail server’s answer); null once sent.',
  })
  lastError!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;
}
