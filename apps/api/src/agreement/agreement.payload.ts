import { Field, ObjectType } from '@nestjs/graphql';
import { AgreementModel } from './agreement.model.js';

@ObjectType()
export class AgreementPayload {
  @Field(() => AgreementModel)
  agreement!: AgreementModel;
}

@ObjectType()
export class CreateAgreementPayload extends AgreementPayload {}

@ObjectType()
export class UpdateAgreementPayload extends AgreementPayload {}

@ObjectType()
export class TransitionAgreementPayload extends AgreementPayload {}

@ObjectType()
export class SetAgreementClausesPayload extends AgreementPayload {}
