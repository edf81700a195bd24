import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ExportFormat, ExportKind } from '#reporting';
import { FindingFilterInput } from '../../assessment/finding.input.js';
import { exposeEnum } from '../../graphql/enums.js';
import { VendorFilterInput, VendorOrderInput } from '../../vendor/vendor.input.js';

export const ExportKindEnum = exposeEnum(
  ExportKind,
  'ExportKind',
  'VENDOR_REGISTER and FINDINGS as CSV or XLSX; ASSESSMENT_ANSWERS (with the score breakdown) as CSV or XLSX; ASSESSMENT_REPORT as a one-page PDF.',
);
export const ExportFormatEnum = exposeEnum(ExportFormat, 'ExportFormat');

@InputType()
export class RequestExportInput {
  @Field(() => ExportKindEnum)
  @IsEnum(ExportKind)
  kind!: ExportKind;

  @Field(() => ExportFormatEnum)
  @IsEnum(ExportFormat)
  format!: ExportFormat;

  @Field(() => ID, {
    nullable: true,
    description: 'The assessment: required for ASSESSMENT_ANSWERS and ASSESSMENT_REPORT.',
  })
  @IsOptional()
  @IsString()
  assessmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Language of question texts and section titles, one the questionnaire has; the assessment's language when omitted.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  language?: string | null;

  @Field(() => VendorFilterInput, {
    nullable: true,
    description: 'VENDOR_REGISTER only: the vendors the `vendors` query would list.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => VendorFilterInput)
  vendorFilter?: VendorFilterInput | null;

  @Field(() => VendorOrderInput, {
    nullable: true,
    description: 'VENDOR_REGISTER only: by name when omitted.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => VendorOrderInput)
  vendorOrderBy?: VendorOrderInput | null;

  @Field(() => FindingFilterInput, {
    nullable: true,
    description: 'FINDINGS only: the findings the `findings` query would list (newest first).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FindingFilterInput)
  findingFilter?: FindingFilterInput | null;
}
