import { Field, Float, ObjectType } from '@nestjs/graphql';
import { exposeEnum } from '../graphql/enums.js';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { AssessmentModel } from './assessment.model.js';
import { FindingModel } from './finding.model.js';

export const AnswerChangeKindEnum = exposeEnum(
  { ADDED: 'ADDED', REMOVED: 'REMOVED', CHANGED: 'CHANGED' } as const,
  'AnswerChangeKind',
);

@ObjectType('ComparedAnswer', { description: 'An answer as it stood in one cycle.' })
export class ComparedAnswerModel {
  @Field(() => JsonScalar, {
    nullable: true,
    description: 'Boolean, option key, option keys, text, number or YYYY-MM-DD.',
  })
  value!: unknown;

  @Field()
  notApplicable!: boolean;
}

@ObjectType('AnswerChange', { description: 'A question answered differently between two cycles.' })
export class AnswerChangeModel {
  @Field()
  questionKey!: string;

  @Field(() => AnswerChangeKindEnum)
  change!: 'ADDED' | 'REMOVED' | 'CHANGED';

  @Field(() => ComparedAnswerModel, { nullable: true, description: 'Null when it was unanswered.' })
  before!: ComparedAnswerModel | null;

  @Field(() => ComparedAnswerModel, { nullable: true, description: 'Null when it is unanswered.' })
  after!: ComparedAnswerModel | null;
}

@ObjectType('ScoreDelta', { description: 'A score then and now, 0-100.' })
export class ScoreDeltaModel {
  @Field(() => Float, { nullable: true })
  before!: number | null;

  @Field(() => Float, { nullable: true })
  after!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'after - before; null when either is unscored or not applicable.',
  })
  delta!: number | null;
}

@ObjectType('SectionScoreDelta')
export class SectionScoreDeltaModel extends ScoreDeltaModel {
  @Field()
  sectionKey!: string;
}

@ObjectType('AssessmentComparison', {
  description: "What changed between two cycles of one vendor's assessments.",
})
export class AssessmentComparisonModel {
  @Field(() => AssessmentModel)
  from!: AssessmentModel;

  @Field(() => AssessmentModel)
  to!: AssessmentModel;

  @Field(() => [AnswerChangeModel], {
    description: 'Answers added, removed or changed, by question key.',
  })
  answers!: AnswerChangeModel[];

  @Field(() => ScoreDeltaModel, { description: 'The overall scores fixed at submission.' })
  overall!: ScoreDeltaModel;

  @Field(() => [SectionScoreDeltaModel])
  sections!: SectionScoreDeltaModel[];

  @Field(() => [FindingModel], { description: 'Raised in `to`.' })
  findingsOpened!: FindingModel[];

  @Field(() => [FindingModel], {
    description:
      "The vendor's findings resolved or risk-accepted after `from` was submitted, until `to` was.",
  })
  findingsClosed!: FindingModel[];
}
