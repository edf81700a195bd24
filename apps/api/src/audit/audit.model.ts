import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Node } from '../graphql/relay/node.interface.js';

@ObjectType('AuditFieldChange', {
  description: 'One changed field; values are JSON, secrets "[redacted]".',
})
export class AuditFieldChangeModel {
  @Field()
  field!: string;

  @Field(() => String, {
    nullable: true,
    description: 'JSON of the value before; null for a creation.',
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'JSON of the value after; null for a deletion.',
  })
  after!: string | null;
}

@ObjectType('AuditEvent', {
  implements: () => [Node],
  description: 'One change, recorded in its transaction; append-only and hash-chained.',
})
export class AuditEventModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1, 2, 3… within the organization, without gaps.' })
  sequence!: number;

  @Field({ description: 'user, apiKey, vendorContact, system or anonymous.' })
  actorKind!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Row id of the actor (never personal data).',
  })
  actorId!: string | null;

  @Field({ description: '`entity.verb`, e.g. `session.signed_in`.' })
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => [AuditFieldChangeModel])
  changes!: AuditFieldChangeModel[];

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'SHA-256 of the previous event of the organization.' })
  previousHash!: string;

  @Field({ description: 'SHA-256 of this event’s canonical JSON, which includes previousHash.' })
  hash!: string;
}

@ObjectType('AuditTrailVerification')
export class AuditVerificationModel {
  @Field({ description: 'True when every event matches its hash and links to the one before.' })
  valid!: boolean;

  @Field(() => Int, { description: 'Events checked and found sound, from the first.' })
  checkedEvents!: number;

  @Field(() => AuditEventModel, {
    nullable: true,
    description: 'The first event that does not match.',
  })
  brokenEvent!: AuditEventModel | null;

  @Field(() => String, { nullable: true, description: 'What is wrong with it.' })
  problem!: string | null;
}
