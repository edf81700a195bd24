import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ResidualRating } from '#scoring';
import { ResidualRatingEnum } from './assessment.model.js';

@ObjectType('TierRatings', {
  description: 'The residual rating a score band gives at each inherent tier.',
})
export class TierRatingsModel {
  @Field(() => ResidualRatingEnum)
  tier1!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  tier2!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  tier3!: ResidualRating;

  @Field(() => ResidualRatingEnum)
  tier4!: ResidualRating;
}

@ObjectType('RiskMatrixBand', {
  description:
    'Scores from min (inclusive) to max (exclusive; a band ending at 100 includes 100), with their ratings.',
})
export class RiskMatrixBandModel {
  @Field()
  key!: string;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => TierRatingsModel)
  ratings!: TierRatingsModel;
}

@ObjectType('RiskMatrix', {
  description:
    "The organization's risk matrix: inherent tier × score band → residual rating. Failed knockouts cap the result.",
})
export class RiskMatrixModel {
  @Field(() => Int, {
    description:
      '0 while the built-in default is in force; +1 with every change. Pass it as expectedVersion.',
  })
  version!: number;

  @Field({ description: 'Whether this is the built-in default (never changed).' })
  isDefault!: boolean;

  @Field(() => [RiskMatrixBandModel], { description: 'From the highest scores down.' })
  bands!: RiskMatrixBandModel[];

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}
