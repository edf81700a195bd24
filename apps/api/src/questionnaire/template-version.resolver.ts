import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import type { TemplateDefinition } from '#questionnaire';
import type { GraphqlContext, LoaderRegistry } from '../graphql/graphql-context.js';
import { JsonScalar } from '../graphql/scalars/json.scalar.js';
import { TemplateByIdLoader, VersionByIdLoader } from './questionnaire.loaders.js';
import { toTemplateModel, toVersionModel } from './questionnaire.mapper.js';
import {
  QuestionnaireImportModel,
  QuestionnaireTemplateModel,
  TemplateVersionDiffModel,
  TemplateVersionModel,
} from './questionnaire.model.js';

@Resolver(() => TemplateVersionModel)
export class TemplateVersionResolver {
  constructor(
    private readonly templateById: TemplateByIdLoader,
    private readonly versionById: VersionByIdLoader,
  ) {}

  @ResolveField(() => QuestionnaireTemplateModel)
  async template(
    version: TemplateVersionModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<QuestionnaireTemplateModel> {
    return toTemplateModel((await loaders.get(this.templateById).load(version.templateRowId))!);
  }

  @ResolveField(() => TemplateVersionModel, {
    nullable: true,
    description: 'The version this one was cloned from.',
  })
  async basedOn(
    version: TemplateVersionModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel | null> {
    if (!version.basedOnRowId) return null;
    const base = await loaders.get(this.versionById).load(version.basedOnRowId);
    return base && toVersionModel(base);
  }

  @ResolveField(() => JsonScalar, {
    description:
      'The definition document: languages, sections, questions, options, points, conditions (see the README).',
  })
  async definition(
    version: TemplateVersionModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateDefinition> {
    return this.definitionOf(version, loaders);
  }

  @ResolveField(() => [String], {
    description: 'Declared languages; the first is the primary one.',
  })
  async languages(
    version: TemplateVersionModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<string[]> {
    return [...(await this.definitionOf(version, loaders)).languages];
  }

  @ResolveField(() => Int)
  async sectionCount(
    version: TemplateVersionModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<number> {
    return (await this.definitionOf(version, loaders)).sections.length;
  }

  private async definitionOf(
    version: TemplateVersionModel,
    loaders: LoaderRegistry,
  ): Promise<TemplateDefinition> {
    if (version.loadedDefinition) return version.loadedDefinition;
    return (await loaders.get(this.versionById).load(version.rowId))!.definition;
  }
}

@Resolver(() => TemplateVersionDiffModel)
export class TemplateVersionDiffResolver {
  constructor(private readonly versionById: VersionByIdLoader) {}

  @ResolveField(() => TemplateVersionModel)
  async from(
    diff: TemplateVersionDiffModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel> {
    return toVersionModel((await loaders.get(this.versionById).load(diff.fromRowId))!);
  }

  @ResolveField(() => TemplateVersionModel)
  async to(
    diff: TemplateVersionDiffModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel> {
    return toVersionModel((await loaders.get(this.versionById).load(diff.toRowId))!);
  }
}

@Resolver(() => QuestionnaireImportModel)
export class QuestionnaireImportResolver {
  constructor(
    private readonly templateById: TemplateByIdLoader,
    private readonly versionById: VersionByIdLoader,
  ) {}

  @ResolveField(() => QuestionnaireTemplateModel, {
    nullable: true,
    description: 'The template the draft went to.',
  })
  async template(
    row: QuestionnaireImportModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<QuestionnaireTemplateModel | null> {
    if (!row.templateRowId || !row.versionRowId) return null;
    const template = await loaders.get(this.templateById).load(row.templateRowId);
    return template && toTemplateModel(template);
  }

  @ResolveField(() => TemplateVersionModel, {
    nullable: true,
    description: 'The draft version it created.',
  })
  async version(
    row: QuestionnaireImportModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<TemplateVersionModel | null> {
    if (!row.versionRowId) return null;
    const version = await loaders.get(this.versionById).load(row.versionRowId);
    return version && toVersionModel(version);
  }
}
