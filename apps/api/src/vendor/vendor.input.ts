import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AccessLevel,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  RiskTier,
  VendorLifecycle,
  VendorOrderField,
  VolumeBand,
} from '#vendor';
import { exposeEnum } from '../graphql/enums.js';
import { LocalDateScalar } from '../graphql/scalars/local-date.scalar.js';
import { OrderDirection } from '../graphql/relay/connection.js';
import { LocaleModel } from '../identity/member.model.js';
import {
  AccessLevelEnum,
  DataSubjectRegionEnum,
  PersonalDataCategoryEnum,
  ProcessingRoleEnum,
  RegimeEnum,
  RiskTierEnum,
  VendorLifecycleEnum,
  VolumeBandEnum,
} from './vendor.model.js';

export const VendorOrderFieldEnum = exposeEnum(VendorOrderField, 'VendorOrderField');

@InputType({ description: 'A whole data profile: it replaces the one the vendor has.' })
export class DataProfileInput {
  @Field(() => [PersonalDataCategoryEnum], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsEnum(PersonalDataCategory, { each: true })
  categories!: PersonalDataCategory[];

  @Field({ defaultValue: false })
  @IsBoolean()
  otherSensitiveData!: boolean;

  @Field(() => VolumeBandEnum, { defaultValue: VolumeBand.None })
  @IsEnum(VolumeBand)
  volume!: VolumeBand;

  @Field(() => AccessLevelEnum, { defaultValue: AccessLevel.None })
  @IsEnum(AccessLevel)
  accessLevel!: AccessLevel;

  @Field(() => ProcessingRoleEnum, { defaultValue: ProcessingRole.Processor })
  @IsEnum(ProcessingRole)
  processingRole!: ProcessingRole;

  @Field(() => [String], {
    defaultValue: [],
    description: 'ISO 3166-1 alpha-2 codes, upper case.',
  })
  @ArrayMaxSize(250)
  @IsString({ each: true })
  dataCountries!: string[];

  @Field(() => [DataSubjectRegionEnum], { defaultValue: [] })
  @ArrayMaxSize(10)
  @IsEnum(DataSubjectRegion, { each: true })
  dataSubjectRegions!: DataSubjectRegion[];
}

/** Fields shared by createVendor and updateVendor. */
@InputType({ isAbstract: true })
class VendorFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  legalName?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  services?: string | null;

  @Field(() => ID, { nullable: true, description: 'A Member id.' })
  @IsOptional()
  @IsString()
  businessOwnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A Member id.' })
  @IsOptional()
  @IsString()
  riskOwnerId?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @Field(() => DataProfileInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProfileInput)
  dataProfile?: DataProfileInput;
}

@InputType()
export class CreateVendorInput extends VendorFieldsInput {
  @Field({ description: 'Unique in the organization, whatever the case.' })
  @IsString()
  @MaxLength(200)
  name!: string;
}

@InputType({ description: 'Omitted fields stay as they are; null clears a field.' })
export class UpdateVendorInput extends VendorFieldsInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read: CONFLICT if the vendor has changed since.',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @Field(() => VendorLifecycleEnum, {
    nullable: true,
    description: 'PROSPECT → ACTIVE; offboard with offboardVendor.',
  })
  @IsOptional()
  @IsEnum(VendorLifecycle)
  lifecycle?: VendorLifecycle;
}

@InputType()
export class OffboardVendorInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class OverrideVendorTierInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => RiskTierEnum, {
    nullable: true,
    description: 'The tier to put in force; null lifts the override.',
  })
  @IsOptional()
  @IsEnum(RiskTier)
  tier?: RiskTier | null;

  @Field({ description: 'Why: required, kept in the audit trail.' })
  @IsString()
  @MaxLength(2000)
  justification!: string;
}

@InputType()
export class RecordImpactAssessmentInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day the impact assessment was completed, not in the future; null clears it.',
  })
  @IsOptional()
  @IsString()
  completedOn!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The impact assessment report: a File uploaded with POST /files. Omitted keeps the one recorded; null removes it.',
  })
  @IsOptional()
  @IsString()
  documentFileId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version you read: CONFLICT if the vendor has changed since.',
  })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;
}

@InputType()
export class AddVendorContactInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string | null;

  @Field(() => LocaleModel, { defaultValue: LocaleModel.EN })
  @IsEnum(LocaleModel)
  language!: LocaleModel;

  @Field({
    defaultValue: false,
    description: 'Make this the primary contact (a vendor’s first contact always is).',
  })
  @IsBoolean()
  primary!: boolean;
}

@InputType({ description: 'Omitted fields stay as they are.' })
export class UpdateVendorContactInput {
  @Field(() => ID)
  @IsString()
  contactId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string | null;

  @Field(() => LocaleModel, { nullable: true })
  @IsOptional()
  @IsEnum(LocaleModel)
  language?: LocaleModel;

  @Field({ nullable: true, description: 'true makes this the primary contact.' })
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

@InputType()
export class RemoveVendorContactInput {
  @Field(() => ID)
  @IsString()
  contactId!: string;
}

@InputType()
export class SubProcessorInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  @IsString()
  @MaxLength(2)
  country!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  service?: string | null;

  @Field(() => [PersonalDataCategoryEnum], { defaultValue: [] })
  @ArrayMaxSize(20)
  @IsEnum(PersonalDataCategory, { each: true })
  dataCategories!: PersonalDataCategory[];
}

@InputType()
export class SetSubProcessorsInput {
  @Field(() => ID)
  @IsString()
  vendorId!: string;

  @Field(() => [SubProcessorInput], { description: 'The whole list; it replaces the old one.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubProcessorInput)
  subProcessors!: SubProcessorInput[];
}

@InputType()
export class VendorFilterInput {
  @Field(() => [RiskTierEnum], { nullable: true })
  @IsOptional()
  @IsEnum(RiskTier, { each: true })
  tiers?: RiskTier[];

  @Field(() => [VendorLifecycleEnum], { nullable: true })
  @IsOptional()
  @IsEnum(VendorLifecycle, { each: true })
  lifecycles?: VendorLifecycle[];

  @Field(() => [String], { nullable: true, description: 'Countries the vendors are in.' })
  @IsOptional()
  @ArrayMaxSize(250)
  @IsString({ each: true })
  countries?: string[];

  @Field(() => [RegimeEnum], { nullable: true, description: 'Vendors any of these laws apply to.' })
  @IsOptional()
  @IsEnum(Regime, { each: true })
  regimes?: Regime[];

  @Field(() => ID, { nullable: true, description: 'A Member id.' })
  @IsOptional()
  @IsString()
  riskOwnerId?: string;

  @Field(() => ID, { nullable: true, description: 'A Member id.' })
  @IsOptional()
  @IsString()
  businessOwnerId?: string;

  @Field(() => [String], { nullable: true, description: 'Vendors with every one of these tags.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  tags?: string[];

  @Field({ nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@InputType()
export class VendorOrderInput {
  @Field(() => VendorOrderFieldEnum, { defaultValue: VendorOrderField.Name })
  @IsEnum(VendorOrderField)
  field!: VendorOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  @IsEnum(OrderDirection)
  direction!: OrderDirection;
}

@InputType()
export class CategoryWeightInput {
  @Field(() => PersonalDataCategoryEnum)
  @IsEnum(PersonalDataCategory)
  category!: PersonalDataCategory;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100)
  points!: number;
}

@InputType()
export class VolumeWeightInput {
  @Field(() => VolumeBandEnum)
  @IsEnum(VolumeBand)
  volume!: VolumeBand;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100)
  points!: number;
}

@InputType()
export class AccessWeightInput {
  @Field(() => AccessLevelEnum)
  @IsEnum(AccessLevel)
  accessLevel!: AccessLevel;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100)
  points!: number;
}

@InputType()
export class TierThresholdsInput {
  @Field(() => Int)
  @IsInt()
  tier1!: number;

  @Field(() => Int)
  @IsInt()
  tier2!: number;

  @Field(() => Int)
  @IsInt()
  tier3!: number;
}

@InputType({ description: 'What is given replaces the current value, weight by weight.' })
export class UpdateRiskRubricInput {
  @Field(() => [CategoryWeightInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => CategoryWeightInput)
  categoryWeights?: CategoryWeightInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  categoryCap?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  sensitiveDataWeight?: number;

  @Field(() => [VolumeWeightInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => VolumeWeightInput)
  volumeWeights?: VolumeWeightInput[];

  @Field(() => [AccessWeightInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => AccessWeightInput)
  accessWeights?: AccessWeightInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  crossBorderWeight?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  subProcessorWeight?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  subProcessorCap?: number;

  @Field(() => TierThresholdsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TierThresholdsInput)
  tierThresholds?: TierThresholdsInput;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code; null: no home country.',
  })
  @IsOptional()
  @IsString()
  homeCountry?: string | null;

  @Field(() => [RegimeEnum], { nullable: true })
  @IsOptional()
  @IsEnum(Regime, { each: true })
  regimes?: Regime[];
}
