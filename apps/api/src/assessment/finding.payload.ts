import { Field, ObjectType } from '@nestjs/graphql';
import { FindingModel, VendorFindingModel } from './finding.model.js';

@ObjectType()
export class FindingPayload {
  @Field(() => FindingModel)
  finding!: FindingModel;
}

@ObjectType()
export class RaiseFindingPayload extends FindingPayload {}

@ObjectType()
export class UpdateFindingPayload extends FindingPayload {}

@ObjectType()
export class ResolveFindingPayload extends FindingPayload {}

@ObjectType()
export class AcceptFindingRiskPayload extends FindingPayload {}

@ObjectType()
export class RespondToFindingPayload {
  @Field(() => VendorFindingModel)
  finding!: VendorFindingModel;
}
