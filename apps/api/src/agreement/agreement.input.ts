import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AgreementStatus, AgreementType, ClauseStatus } from '#agreement';
import { Regime } from '#vendor';
import { exposeEnum } from '../graphql/enums.js';
import { OrderDirection } from '../graphql/relay/connection.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { RegimeEnum } from '../vendor/vendor.model.js';
import {
  AgreementStatusEnum,
  AgreementTypeEnum,
  ClauseStatusEnum,
  SignatoryPartyEnum,
} from './agreement.model.js';

export const AgreementOrderFieldEnum = exposeEnum(
  { CREATED_AT: 'CREATED_AT', UPDATED_AT: 'UPDATED_AT' } as const,
  'AgreementOrderField',
);

@InputType()
export class SignatoryInput {
  @Field(() => SignatoryPartyEnum)
  @IsIn(['ORGANIZATION', 'VENDOR'])
  party!: 'ORGANIZATION' | 'VENDOR';

  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string | null;

  @Field(() => Date, { nullable: true, description: 'When they signed; omit until they have.' })
  @IsOptional()
  @IsDate()
  signedAt?: Date | null;
}

/** Fields shared by createAgreement and updateAgreement. */
@InputType({ isAbstract: true })
class AgreementFieldsInput {
  @Field(() => String, { nullable: true, description: 'The contract’s own number.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  effectiveDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Not before the effective date.' })
  @IsOptional()
  @IsString()
  expiryDate?: string | null;

  @Field(() => [SignatoryInput], {
    nullable: true,
    description: 'Both parties’ signatories; the list replaces the old one.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SignatoryInput)
  signatories?: SignatoryInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The signed document: a File uploaded with POST /files. Null removes it.',
  })
  @IsOptional()
  @IsString()
  documentFileId?: string | null;
}

@InputType()
export class CreateAgreementInput extends AgreementFieldsInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => AgreementTypeEnum)
  @IsEnum(AgreementType)
  type!: AgreementType;

  @Field()
  @IsString()
  @MaxLength(300)
  title!: string;
}

@InputType({
  description:
    'Omitted fields stay; null clears. Terms change only before signing; title and notes always.',
})
export class UpdateAgreementInput extends AgreementFieldsInput {
  @Field(() => ID)
  @IsString()
  agreementId!: string;

  @Field(() => Int, { nullable: true, description: 'CONFLICT if the agreement has changed since.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => AgreementTypeEnum, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementType)
  type?: AgreementType;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;
}

@InputType()
export class TransitionAgreementInput {
  @Field(() => ID)
  @IsString()
  agreementId!: string;

  @Field(() => AgreementStatusEnum)
  @IsEnum(AgreementStatus)
  to!: AgreementStatus;

  @Field(() => ID, { nullable: true, description: 'For SUPERSEDED: the agreement replacing it.' })
  @IsOptional()
  @IsString()
  supersededByAgreementId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class ClauseReviewInput {
  @Field({ description: 'A clause id from clauseCatalogs.' })
  @IsString()
  @MaxLength(100)
  clauseId!: string;

  @Field(() => ClauseStatusEnum)
  @IsEnum(ClauseStatus)
  status!: ClauseStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class SetAgreementClausesInput {
  @Field(() => ID)
  @IsString()
  agreementId!: string;

  @Field(() => [ClauseReviewInput], { description: 'Clauses not named keep their review.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ClauseReviewInput)
  clauses!: ClauseReviewInput[];
}

@InputType()
export class AgreementFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  vendorId?: string;

  @Field(() => [AgreementTypeEnum], { nullable: true })
  @IsOptional()
  @IsEnum(AgreementType, { each: true })
  types?: AgreementType[];

  @Field(() => [AgreementStatusEnum], { nullable: true })
  @IsOptional()
  @IsEnum(AgreementStatus, { each: true })
  statuses?: AgreementStatus[];

  @Field(() => [RegimeEnum], {
    nullable: true,
    description: 'Agreements that can hold the terms of any of these laws.',
  })
  @IsOptional()
  @IsEnum(Regime, { each: true })
  regimes?: Regime[];

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  expiringOnOrBefore?: string;
}

@InputType()
export class AgreementOrderInput {
  @Field(() => AgreementOrderFieldEnum, { defaultValue: 'CREATED_AT' })
  @IsIn(['CREATED_AT', 'UPDATED_AT'])
  field!: 'CREATED_AT' | 'UPDATED_AT';

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}
