import type { OnModuleInit } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope, DomainException, Role, type RequestContext } from '#core';
import {
  ImportFormat,
  QUESTIONNAIRE_LIBRARY,
  QuestionnaireImportService,
  QuestionnaireService,
  TemplateVersionStatus,
  type TemplateVersion,
} from '#questionnaire';
import { Allow, MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext, type LoaderRegistry } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { FILE_TYPE } from '../files/file.mapper.js';
import {
  CreateDraftVersionInput,
  CreateQuestionnaireTemplateInput,
  ImportQuestionnaireInput,
  PublishTemplateVersionInput,
  QuestionnaireTemplateFilterInput,
  RetireTemplateVersionInput,
  UpdateDraftDefinitionInput,
  UpdateQuestionnaireTemplateInput,
  ValidateDefinitionInput,
} from './questionnaire.input.js';
import { VersionsByTemplateLoader } from './questionnaire.loaders.js';
import {
  QUESTIONNAIRE_IMPORT_TYPE,
  QUESTIONNAIRE_TEMPLATE_TYPE,
  TEMPLATE_VERSION_TYPE,
  toDiffModel,
  toImportModel,
  toLibraryTemplateModel,
  toTemplateModel,
  toValidationModel,
  toVersionModel,
} from './questionnaire.mapper.js';
import {
  LibraryTemplateModel,
  QuestionnaireImportModel,
  QuestionnaireTemplateModel,
  TemplateVersionDiffModel,
  TemplateVersionModel,
} from './questionnaire.model.js';
import {
  CreateDraftVersionPayload,
  CreateQuestionnaireTemplatePayload,
  ImportQuestionnairePayload,
  PublishTemplateVersionPayload,
  RetireTemplateVersionPayload,
  UpdateDraftDefinitionPayload,
  UpdateQuestionnaireTemplatePayload,
  ValidateDefinitionPayload,
} from './questionnaire.payload.js';

/** Every member and read keys see the questionnaires. */
export const READ_QUESTIONNAIRES: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };
/** Admins and risk owners author them. */
export const WRITE_QUESTIONNAIRES: AccessRule = {
  roles: [Role.Admin, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
};

const TemplateConnection = Connection(QuestionnaireTemplateModel, QUESTIONNAIRE_TEMPLATE_TYPE);

export const templateRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: QUESTIONNAIRE_TEMPLATE_TYPE }).id;
export const versionRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: TEMPLATE_VERSION_TYPE }).id;

@Resolver(() => QuestionnaireTemplateModel)
export class QuestionnaireTemplateResolver implements OnModuleInit {
  constructor(
    private readonly questionnaires: QuestionnaireService,
    private readonly imports: QuestionnaireImportService,
    private readonly nodes: NodeRegistry,
    private readonly versionsByTemplate: VersionsByTemplateLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(QUESTIONNAIRE_TEMPLATE_TYPE, {
      access: READ_QUESTIONNAIRES,
      fetch: async ({ ctx }, id) => {
        const [template] = await this.questionnaires.findTemplatesByIds(ctx, [id]);
        return template ? toTemplateModel(template) : null;
      },
    });
    this.nodes.register(TEMPLATE_VERSION_TYPE, {
      access: READ_QUESTIONNAIRES,
      fetch: async ({ ctx }, id) => {
        const [version] = await this.questionnaires.findVersionsByIds(ctx, [id]);
        return version ? toVersionModel(version) : null;
      },
    });
    this.nodes.register(QUESTIONNAIRE_IMPORT_TYPE, {
      access: READ_QUESTIONNAIRES,
      fetch: async ({ ctx }, id) => {
        const [row] = await this.imports.findByIds(ctx, [id]);
        return row ? toImportModel(row) : null;
      },
    });
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => TemplateConnection, { description: 'Questionnaire templates, by name.' })
  async questionnaireTemplates(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: QuestionnaireTemplateFilterInput,
  ): Promise<ConnectionValue<QuestionnaireTemplateModel>> {
    const result = await this.questionnaires.listTemplates(ctx, { search: filter?.search }, page);
    return toConnection(result, toTemplateModel, page.after);
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => QuestionnaireTemplateModel, {
    description: 'One template; NOT_FOUND when there is none.',
  })
  async questionnaireTemplate(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<QuestionnaireTemplateModel> {
    return toTemplateModel(await this.questionnaires.findTemplate(ctx, templateRowId(id, 'id')));
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => TemplateVersionModel, { description: 'One template version with its definition.' })
  async templateVersion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TemplateVersionModel> {
    return toVersionModel(await this.questionnaires.findVersion(ctx, versionRowId(id, 'id')));
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => TemplateVersionDiffModel, {
    description:
      'What changed from one version to another: sections and questions added, removed and changed.',
  })
  async templateVersionDiff(
    @Ctx() ctx: RequestContext,
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('toId', { type: () => ID }) toId: string,
  ): Promise<TemplateVersionDiffModel> {
    const from = versionRowId(fromId, 'fromId');
    const to = versionRowId(toId, 'toId');
    return toDiffModel(from, to, await this.questionnaires.diff(ctx, from, to));
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => [LibraryTemplateModel], {
    description: 'The questionnaires shipped with Assay, in English and Chinese, to copy from.',
  })
  questionnaireLibrary(): LibraryTemplateModel[] {
    return QUESTIONNAIRE_LIBRARY.map(toLibraryTemplateModel);
  }

  @Allow(READ_QUESTIONNAIRES)
  @Query(() => QuestionnaireImportModel, {
    description: 'An import: its progress, errors, warnings and result.',
  })
  async questionnaireImport(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<QuestionnaireImportModel> {
    const rowId = fromGlobalId(id, { path: 'id', expectedType: QUESTIONNAIRE_IMPORT_TYPE }).id;
    return toImportModel(await this.imports.findById(ctx, rowId));
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => CreateQuestionnaireTemplatePayload, {
    description:
      'A new template: an empty draft version 1, or a published copy of a library template.',
  })
  async createQuestionnaireTemplate(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateQuestionnaireTemplateInput,
  ): Promise<CreateQuestionnaireTemplatePayload> {
    if (input.fromLibrary && input.languages) {
      throw DomainException.badUserInput('Invalid template', [
        { path: 'input.languages', message: 'a library copy keeps the library’s languages' },
      ]);
    }
    const { template, version } = await this.questionnaires.createTemplate(
      ctx,
      { name: input.name, description: input.description },
      input.fromLibrary
        ? { libraryKey: input.fromLibrary }
        : { languages: input.languages ?? QuestionnaireService.defaultLanguages },
    );
    return { template: toTemplateModel(template), version: toVersionModel(version) };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => UpdateQuestionnaireTemplatePayload, {
    description: 'Renames or redescribes a template.',
  })
  async updateQuestionnaireTemplate(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateQuestionnaireTemplateInput,
  ): Promise<UpdateQuestionnaireTemplatePayload> {
    const template = await this.questionnaires.updateTemplate(
      ctx,
      templateRowId(input.templateId, 'input.templateId'),
      {
        ...(input.name !== undefined && input.name !== null ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
    );
    return { template: toTemplateModel(template) };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => CreateDraftVersionPayload, {
    description:
      'A new draft, cloned from a version or a library template; CONFLICT while a draft exists.',
  })
  async createDraftVersion(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateDraftVersionInput,
  ): Promise<CreateDraftVersionPayload> {
    if (input.fromVersionId && input.fromLibrary) {
      throw DomainException.badUserInput('Invalid draft', [
        { path: 'input.fromLibrary', message: 'give fromVersionId or fromLibrary, not both' },
      ]);
    }
    const version = await this.questionnaires.createDraft(
      ctx,
      templateRowId(input.templateId, 'input.templateId'),
      input.fromLibrary
        ? { libraryKey: input.fromLibrary }
        : input.fromVersionId
          ? { versionId: versionRowId(input.fromVersionId, 'input.fromVersionId') }
          : { latest: true },
    );
    return { version: toVersionModel(version) };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => UpdateDraftDefinitionPayload, {
    description:
      "Replaces a draft's definition. BAD_USER_INPUT lists every problem by path; a stale expectedRevision or a published version is CONFLICT.",
  })
  async updateDraftDefinition(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateDraftDefinitionInput,
  ): Promise<UpdateDraftDefinitionPayload> {
    const { version, warnings } = await this.questionnaires.updateDraft(
      ctx,
      versionRowId(input.versionId, 'input.versionId'),
      input.definition,
      input.expectedRevision,
    );
    return { version: toVersionModel(version), warnings: [...warnings] };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => ValidateDefinitionPayload, {
    description: 'Checks a definition without saving anything.',
  })
  validateDefinition(@Args('input') input: ValidateDefinitionInput): ValidateDefinitionPayload {
    return {
      validation: toValidationModel(
        this.questionnaires.validate(
          input.definition,
          input.mode === 'PUBLISH' ? 'publish' : 'draft',
        ),
      ),
    };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => PublishTemplateVersionPayload, {
    description:
      'Publishes a draft: every text in every declared language and every score must be there (BAD_USER_INPUT lists what is missing). Computes its checksum; it never changes again.',
  })
  async publishTemplateVersion(
    @Ctx() ctx: RequestContext,
    @Args('input') input: PublishTemplateVersionInput,
  ): Promise<PublishTemplateVersionPayload> {
    const version = await this.questionnaires.publish(
      ctx,
      versionRowId(input.versionId, 'input.versionId'),
      input.expectedRevision,
    );
    return { version: toVersionModel(version) };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => RetireTemplateVersionPayload, {
    description: 'Retires a published version: still readable, no longer sent.',
  })
  async retireTemplateVersion(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RetireTemplateVersionInput,
  ): Promise<RetireTemplateVersionPayload> {
    const version = await this.questionnaires.retire(
      ctx,
      versionRowId(input.versionId, 'input.versionId'),
    );
    return { version: toVersionModel(version) };
  }

  @Allow(WRITE_QUESTIONNAIRES)
  @Mutation(() => ImportQuestionnairePayload, {
    description:
      'Imports a questionnaire file into a new draft version, all or nothing. Small files are imported at once; larger ones by a job (poll questionnaireImport).',
  })
  async importQuestionnaire(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ImportQuestionnaireInput,
  ): Promise<ImportQuestionnairePayload> {
    if (input.format === ImportFormat.SpreadsheetXlsx && input.content) {
      throw DomainException.badUserInput('Invalid import', [
        {
          path: 'input.content',
          message: 'an XLSX workbook is binary: upload it with POST /files and give fileId',
        },
      ]);
    }
    const row = await this.imports.start(ctx, {
      format: input.format,
      content: input.content ? Buffer.from(input.content, 'utf8') : null,
      fileId: input.fileId
        ? fromGlobalId(input.fileId, { path: 'input.fileId', expectedType: FILE_TYPE }).id
        : null,
      templateId: input.templateId ? templateRowId(input.templateId, 'input.templateId') : null,
      templateName: input.templateName,
      language: input.language,
    });
    return { import: toImportModel(row) };
  }

  @ResolveField(() => [TemplateVersionModel], {
    description: 'Newest first; definitions load when asked for.',
  })
  async versions(
    template: QuestionnaireTemplateModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel[]> {
    return (await loaders.get(this.versionsByTemplate).load(template.rowId)).map(toVersionModel);
  }

  @ResolveField(() => TemplateVersionModel, {
    nullable: true,
    description: 'The newest published version.',
  })
  async latestPublishedVersion(
    template: QuestionnaireTemplateModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel | null> {
    return this.versionWith(template, loaders, TemplateVersionStatus.Published);
  }

  @ResolveField(() => TemplateVersionModel, {
    nullable: true,
    description: 'The draft, if there is one.',
  })
  async draftVersion(
    template: QuestionnaireTemplateModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel | null> {
    return this.versionWith(template, loaders, TemplateVersionStatus.Draft);
  }

  private async versionWith(
    template: QuestionnaireTemplateModel,
    loaders: LoaderRegistry,
    status: TemplateVersionStatus,
  ): Promise<TemplateVersionModel | null> {
    const versions: TemplateVersion[] = await loaders
      .get(this.versionsByTemplate)
      .load(template.rowId);
    const found = versions.find((version) => version.status === status);
    return found ? toVersionModel(found) : null;
  }
}
