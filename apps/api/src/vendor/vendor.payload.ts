import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RiskRubricModel, VendorContactModel, VendorModel } from './vendor.model.js';

@ObjectType()
export class VendorPayload {
  @Field(() => VendorModel)
  vendor!: VendorModel;
}

@ObjectType()
export class CreateVendorPayload extends VendorPayload {}

@ObjectType()
export class UpdateVendorPayload extends VendorPayload {}

@ObjectType()
export class OffboardVendorPayload extends VendorPayload {}

@ObjectType()
export class OverrideVendorTierPayload extends VendorPayload {}

@ObjectType()
export class SetSubProcessorsPayload extends VendorPayload {}

@ObjectType()
export class RecordImpactAssessmentPayload extends VendorPayload {}

@ObjectType()
export class UpdateRiskRubricPayload {
  @Field(() => RiskRubricModel)
  rubric!: RiskRubricModel;
}

@ObjectType()
export class AddVendorContactPayload {
  @Field(() => VendorContactModel)
  contact!: VendorContactModel;
}

@ObjectType()
export class UpdateVendorContactPayload {
  @Field(() => VendorContactModel)
  contact!: VendorContactModel;
}

@ObjectType()
export class RemoveVendorContactPayload {
  @Field(() => ID)
  removedContactId!: string;
}
