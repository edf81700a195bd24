import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  ImportFormat,
  ImportStatus,
  TemplateVersionStatus,
  type TemplateDefinition,
} from '#questionnaire';
import { RiskTier } from '#vendor';
import { LocalizedTextModel } from '../agreement/agreement.model.js';
import { exposeEnum } from '../graphql/enums.js';
import { Node } from '../graphql/relay/node.interface.js';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { RiskTierEnum } from '../vendor/vendor.model.js';

export const TemplateVersionStatusEnum = exposeEnum(
  TemplateVersionStatus,
  'TemplateVersionStatus',
  'DRAFT → PUBLISHED → RETIRED. Only a draft changes; a published version never does.',
);
export const ImportFormatEnum = exposeEnum(
  ImportFormat,
  'ImportFormat',
  'Questionnaire file formats.',
);
export const ImportStatusEnum = exposeEnum(ImportStatus, 'ImportStatus');
export const ValidationModeEnum = exposeEnum(
  { DRAFT: 'DRAFT', PUBLISH: 'PUBLISH' } as const,
  'DefinitionValidationMode',
  'DRAFT checks shape, keys, conditions and the first language; PUBLISH also every language and every score.',
);

const DEFINITION_DOC =
  'The definition document: languages, sections, questions, options, points, conditions (see the README).';

@ObjectType('QuestionnaireTemplate', {
  implements: () => [Node],
  description: 'A questionnaire sent to vendors; its content lives in versions.',
})
export class QuestionnaireTemplateModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'The library template it was copied from.' })
  libraryKey!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('TemplateVersion', {
  implements: () => [Node],
  description: 'One version of a template. Assessments pin a published version.',
})
export class TemplateVersionModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  templateRowId!: string;
  basedOnRowId!: string | null;
  /** Loaded only where the query read it; the definition field loads it otherwise. */
  loadedDefinition!: TemplateDefinition | null;

  @Field(() => Int, { description: '1, 2, 3… within the template.' })
  number!: number;

  @Field(() => TemplateVersionStatusEnum)
  status!: TemplateVersionStatus;

  @Field(() => Int, {
    description: 'Changes with every edit; updateDraftDefinition names the one it read.',
  })
  revision!: number;

  @Field(() => Int)
  questionCount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 of the canonical JSON of the definition, set when published.',
  })
  checksum!: string | null;

  @Field(() => String, { nullable: true })
  libraryKey!: string | null;

  @Field(() => Int, { nullable: true })
  libraryVersion!: number | null;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('DefinitionIssue', { description: 'A problem in a definition, at its path.' })
export class DefinitionIssueModel {
  @Field({ description: 'E.g. `sections[1].questions[4].visibleWhen.all[0].equals.question`.' })
  path!: string;

  @Field()
  message!: string;
}

@ObjectType('DefinitionValidation')
export class DefinitionValidationModel {
  @Field()
  valid!: boolean;

  @Field(() => [DefinitionIssueModel])
  errors!: DefinitionIssueModel[];

  @Field(() => [DefinitionIssueModel])
  warnings!: DefinitionIssueModel[];

  @Field(() => Int, { nullable: true, description: 'Questions in a valid definition.' })
  questionCount!: number | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'The canonical form, defaults filled, when valid.',
  })
  definition!: TemplateDefinition | null;
}

@ObjectType('LibraryTemplate', {
  description:
    'A questionnaire shipped with Assay, in English and Chinese, that any organization can copy.',
})
export class LibraryTemplateModel {
  @Field()
  key!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LocalizedTextModel)
  name!: LocalizedTextModel;

  @Field(() => LocalizedTextModel)
  description!: LocalizedTextModel;

  @Field(() => [RiskTierEnum], { description: 'The inherent-risk tiers it is meant for.' })
  intendedTiers!: RiskTier[];

  @Field(() => Int)
  questionCount!: number;

  @Field()
  checksum!: string;

  @Field(() => JsonScalar, { description: DEFINITION_DOC })
  definition!: TemplateDefinition;
}

@ObjectType('FieldChange', { description: 'A field that differs between two versions.' })
export class FieldChangeModel {
  @Field({ description: 'E.g. `text.zh-CN`, `options[tls12].points`, `visibleWhen`, `section`.' })
  field!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'Null where the field did not exist.' })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;
}

@ObjectType('KeyedChange', {
  description: 'A section or question, by key, and its changed fields.',
})
export class KeyedChangeModel {
  @Field()
  key!: string;

  @Field(() => [FieldChangeModel])
  changes!: FieldChangeModel[];
}

@ObjectType('PlacedQuestion', { description: 'A question key and the key of its section.' })
export class PlacedQuestionModel {
  @Field()
  key!: string;

  @Field()
  section!: string;
}

@ObjectType('TemplateVersionDiff', { description: 'What changed from one version to another.' })
export class TemplateVersionDiffModel {
  fromRowId!: string;
  toRowId!: string;

  @Field(() => [String])
  languagesAdded!: string[];

  @Field(() => [String])
  languagesRemoved!: string[];

  @Field(() => [String])
  sectionsAdded!: string[];

  @Field(() => [String])
  sectionsRemoved!: string[];

  @Field(() => [KeyedChangeModel])
  sectionsChanged!: KeyedChangeModel[];

  @Field(() => [PlacedQuestionModel])
  questionsAdded!: PlacedQuestionModel[];

  @Field(() => [PlacedQuestionModel])
  questionsRemoved!: PlacedQuestionModel[];

  @Field(() => [KeyedChangeModel])
  questionsChanged!: KeyedChangeModel[];
}

@ObjectType('ImportMessage', { description: 'An error or warning, located in the imported file.' })
export class ImportMessageModel {
  @Field({
    description: 'E.g. `line 12, column 4`, `row 5, column "type"`, `questionnaire[0].items[3]`.',
  })
  location!: string;

  @Field()
  message!: string;
}

@ObjectType('QuestionnaireImport', {
  implements: () => [Node],
  description: 'An import of a questionnaire file into a new draft version, all or nothing.',
})
export class QuestionnaireImportModel implements Node {
  @Field(() => ID)
  id!: string;

  rowId!: string;
  templateRowId!: string | null;
  versionRowId!: string | null;

  @Field(() => ImportFormatEnum)
  format!: ImportFormat;

  @Field(() => ImportStatusEnum)
  status!: ImportStatus;

  @Field()
  language!: string;

  @Field(() => Int, { description: 'Questions converted so far.' })
  processed!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Questions in the file, once it has been read.',
  })
  total!: number | null;

  @Field(() => [ImportMessageModel], { description: 'Why it failed; nothing was created.' })
  errors!: ImportMessageModel[];

  @Field(() => [ImportMessageModel], { description: 'What was approximated.' })
  warnings!: ImportMessageModel[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}
