import { Field, ObjectType } from '@nestjs/graphql';
import {
  DefinitionIssueModel,
  DefinitionValidationModel,
  QuestionnaireImportModel,
  QuestionnaireTemplateModel,
  TemplateVersionModel,
} from './questionnaire.model.js';

@ObjectType()
export class CreateQuestionnaireTemplatePayload {
  @Field(() => QuestionnaireTemplateModel)
  template!: QuestionnaireTemplateModel;

  @Field(() => TemplateVersionModel, { description: 'Version 1.' })
  version!: TemplateVersionModel;
}

@ObjectType()
export class UpdateQuestionnaireTemplatePayload {
  @Field(() => QuestionnaireTemplateModel)
  template!: QuestionnaireTemplateModel;
}

@ObjectType()
export class TemplateVersionPayload {
  @Field(() => TemplateVersionModel)
  version!: TemplateVersionModel;
}

@ObjectType()
export class CreateDraftVersionPayload extends TemplateVersionPayload {}

@ObjectType()
export class UpdateDraftDefinitionPayload extends TemplateVersionPayload {
  @Field(() => [DefinitionIssueModel], { description: 'What to finish before publishing.' })
  warnings!: DefinitionIssueModel[];
}

@ObjectType()
export class PublishTemplateVersionPayload extends TemplateVersionPayload {}

@ObjectType()
export class RetireTemplateVersionPayload extends TemplateVersionPayload {}

@ObjectType()
export class ValidateDefinitionPayload {
  @Field(() => DefinitionValidationModel)
  validation!: DefinitionValidationModel;
}

@ObjectType()
export class ImportQuestionnairePayload {
  @Field(() => QuestionnaireImportModel, {
    description: 'Finished for small files; QUEUED for large ones, which a job imports.',
  })
  import!: QuestionnaireImportModel;
}
