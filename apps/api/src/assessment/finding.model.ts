import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FindingSource, FindingStatus } from '#assessment';
import { FINDING_SEVERITIES, type FindingSeverity } from '#questionnaire';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';

export const FindingStatusEnum = exposeEnum(
  FindingStatus,
  'FindingStatus',
  'OPEN ⇄ IN_REMEDIATION → RESOLVED | RISK_ACCEPTED. RESOLVED is final; RISK_ACCEPTED may be reopened once its acceptance has expired.',
);
export const FindingSourceEnum = exposeEnum(FindingSource, 'FindingSource');
export const FindingSeverityEnum = exposeEnum(
  Object.fromEntries(FINDING_SEVERITIES.map((severity) => [severity, severity])) as {
    [S in FindingSeverity]: S;
  },
  'FindingSeverity',
);

@ObjectType('FindingVendorResponse', { description: "The vendor's remediation plan." })
export class VendorResponseModel {
  @Field()
  plan!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  targetDate!: string | null;

  @Field(() => [ID], { description: 'Evidence files (download with GET /files/:id).' })
  evidenceFileIds!: string[];

  @Field()
  respondedAt!: Date;
}

@ObjectType('RiskAcceptance', { description: 'Why the risk was accepted, and until when.' })
export class RiskAcceptanceModel {
  @Field()
  justification!: string;

  @Field(() => LocalDateScalar, { description: 'The last day the acceptance holds.' })
  expiresOn!: string;

  @Field({ description: 'Past its expiry: the finding may be reopened.' })
  expired!: boolean;

  @Field()
  acceptedAt!: Date;
}

@ObjectType('Finding', {
  implements: () => [Node],
  description:
    "A gap in a vendor's controls, tracked until resolved or its risk accepted; it outlives the assessment it was raised in.",
})
export class FindingModel implements Node {
  @Field(() => ID)
  id!: string;

  vendorRowId!: string;
  assessmentRowId!: string | null;
  ownerRowId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The question it is about, in the assessment it was raised in.',
  })
  questionKey!: string | null;

  @Field(() => FindingSourceEnum)
  source!: FindingSource;

  @Field(() => FindingSeverityEnum)
  severity!: FindingSeverity;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => FindingStatusEnum)
  status!: FindingStatus;

  @Field({ description: 'OPEN or IN_REMEDIATION.' })
  open!: boolean;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate!: string | null;

  @Field({ description: 'Open and past its due date.' })
  overdue!: boolean;

  @Field(() => VendorResponseModel, { nullable: true })
  vendorResponse!: VendorResponseModel | null;

  @Field(() => RiskAcceptanceModel, {
    nullable: true,
    description: 'The latest acceptance (kept, expired, on a finding reopened after it).',
  })
  riskAcceptance!: RiskAcceptanceModel | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Int, { description: 'Name it as expectedVersion when changing the finding.' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('VendorFinding', {
  description: 'An open finding as the vendor contact sees it: no internal owner or notes.',
})
export class VendorFindingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  questionKey!: string | null;

  @Field(() => FindingSeverityEnum)
  severity!: FindingSeverity;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => FindingStatusEnum)
  status!: FindingStatus;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate!: string | null;

  @Field({ description: 'Raised in the assessment you are answering (else in an earlier cycle).' })
  raisedInThisAssessment!: boolean;

  @Field(() => VendorResponseModel, { nullable: true })
  response!: VendorResponseModel | null;

  @Field()
  createdAt!: Date;
}
