import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WEBHOOK_EVENT_TYPES, WebhookDeliveryStatus, type WebhookEventType } from '#webhook';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';

/** `assessment.sent` is ASSESSMENT_SENT in GraphQL; the value the API handles is the event type. */
export const WebhookEventTypeEnum = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type.toUpperCase().replaceAll('.', '_'), type]),
) as Record<string, WebhookEventType>;
registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  description:
    'What an endpoint subscribes to; the payload `type` is the lower-case dotted form (ASSESSMENT_SENT is `assessment.sent`).',
});

export const WebhookDeliveryStatusEnum = exposeEnum(
  WebhookDeliveryStatus,
  'WebhookDeliveryStatus',
  'PENDING → SUCCEEDED, or RETRYING (with backoff) → SUCCEEDED | DEAD once the retry window is spent.',
);

@ObjectType('WebhookEndpoint', {
  implements: () => [Node],
  description: 'A URL the organization’s events are POSTed to, signed with its secret.',
})
export class WebhookEndpointModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;

  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [WebhookEventTypeEnum])
  eventTypes!: WebhookEventType[];

  @Field({ description: 'A disabled endpoint gets no new deliveries, and no more attempts.' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  secretRotatedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One request made for a delivery.' })
export class WebhookDeliveryAttemptModel {
  @Field(() => Int, { description: '1, then one more for each redelivery.' })
  series!: number;

  @Field(() => Int, { description: 'Within the series, from 1.' })
  attempt!: number;

  @Field()
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status; null when none came.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed; null on success.' })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Date, { nullable: true, description: 'When the retry it caused is due.' })
  nextAttemptAt!: Date | null;
}

@ObjectType('WebhookDelivery', {
  implements: () => [Node],
  description: 'One event sent to one endpoint, with its attempts.',
})
export class WebhookDeliveryModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  endpointRowId!: string;

  @Field({ description: 'The payload `id` (and `Assay-Event-Id`), the same on every attempt.' })
  eventId!: string;

  @Field(() => WebhookEventTypeEnum)
  eventType!: WebhookEventType;

  @Field(() => WebhookDeliveryStatusEnum)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempt series: 1, and one more for each redelivery.' })
  series!: number;

  @Field(() => Int, { description: 'Attempts made in the current series.' })
  attemptCount!: number;

  @Field(() => [WebhookDeliveryAttemptModel], {
    description: 'The last 20 attempts across series, oldest first.',
  })
  attempts!: WebhookDeliveryAttemptModel[];

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, if any.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it SUCCEEDED or went DEAD.' })
  finishedAt!: Date | null;

  @Field(() => JsonScalar, { description: 'The JSON body sent (the signed bytes, parsed).' })
  payload!: unknown;

  @Field()
  createdAt!: Date;
}
