import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { ImportFormat } from '#questionnaire';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { ImportFormatEnum, ValidationModeEnum } from './questionnaire.model.js';

const DEFINITION = 'The definition document (see the README: "Questionnaire definitions").';

@InputType()
export class QuestionnaireTemplateFilterInput {
  @Field(() => String, { nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class CreateQuestionnaireTemplateInput {
  @Field()
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Languages of a new empty draft; `en` and `zh-CN` when omitted.',
  })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  languages?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Copy this library template: version 1 is then published, ready to send.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fromLibrary?: string | null;
}

@InputType()
export class UpdateQuestionnaireTemplateInput {
  @Field(() => ID)
  @IsString()
  templateId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

@InputType()
export class CreateDraftVersionInput {
  @Field(() => ID)
  @IsString()
  templateId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Clone this version; the latest published one (else the latest) when omitted.',
  })
  @IsOptional()
  @IsString()
  fromVersionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Start from this library template instead.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fromLibrary?: string | null;
}

@InputType()
export class UpdateDraftDefinitionInput {
  @Field(() => ID)
  @IsString()
  versionId!: string;

  @Field(() => JsonScalar, { description: DEFINITION })
  @IsDefined()
  definition!: unknown;

  @Field(() => Int, { description: 'The revision you read; a stale one is CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedRevision!: number;
}

@InputType()
export class ValidateDefinitionInput {
  @Field(() => JsonScalar, { description: DEFINITION })
  @IsDefined()
  definition!: unknown;

  @Field(() => ValidationModeEnum, { defaultValue: 'DRAFT' })
  @IsIn(['DRAFT', 'PUBLISH'])
  mode!: 'DRAFT' | 'PUBLISH';
}

@InputType()
export class PublishTemplateVersionInput {
  @Field(() => ID)
  @IsString()
  versionId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The revision you reviewed; a stale one is CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  expectedRevision?: number | null;
}

@InputType()
export class RetireTemplateVersionInput {
  @Field(() => ID)
  @IsString()
  versionId!: string;
}

@InputType()
export class ImportQuestionnaireInput {
  @Field(() => ImportFormatEnum)
  @IsEnum(ImportFormat)
  format!: ImportFormat;

  @Field(() => String, {
    nullable: true,
    description: 'The file as text (every format but XLSX). Give this or fileId.',
  })
  @IsOptional()
  @IsString()
  content?: string | null;

  @Field(() => ID, { nullable: true, description: 'A file uploaded with POST /files.' })
  @IsOptional()
  @IsString()
  fileId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Add the draft to this template (it must have no draft).',
  })
  @IsOptional()
  @IsString()
  templateId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A new template's name; the questionnaire's own title when omitted.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  templateName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Language of the file’s text; `en` when omitted.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  language?: string | null;
}
