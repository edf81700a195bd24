import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { TemplateDefinition } from '#questionnaire';
import { Loaders, type LoaderRegistry } from '../graphql/graphql-context.js';
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
    @Parent() version: TemplateVersionModel,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<QuestionnaireTemplateModel> {
    return toTemplateModel((await loaders.get(this.templateById).load(version.templateRowId))!);
  }

  @ResolveField(() => TemplateVersionModel, {
    nullable: true,
    description: 'The version this one was cloned from.',
  })
  async basedOn(
    @Parent() version: TemplateVersionModel,
    @Loaders() loaders: LoaderRegistry,
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
    @Parent() version: TemplateVersionModel,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<TemplateDefinition> {
    return this.definitionOf(version, loaders);
  }

  @ResolveField(() => [String], {
    description: 'Declared languages; the first is the primary one.',
  })
  async languages(
    @Parent() version: TemplateVersionModel,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<string[]> {
    return [...(await this.definitionOf(version, loaders)).languages];
  }

  @ResolveField(() => Int)
  async sectionCount(
    @Parent() version: TemplateVersionModel,
    @Loaders() loaders: LoaderRegistry,
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
    @Parent() diff: TemplateVersionDiffModel,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<TemplateVersionModel> {
    return toVersionModel((await loaders.get(this.versionById).load(diff.fromRowId))!);
  }

  @ResolveField(() => TemplateVersionModel)
  async to(
    @Parent() diff: TemplateVersionDiffModel,
    @Loaders() loaders: LoaderRegistry,
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
    @Parent() row: QuestionnaireImportModel,
    @Loaders() loaders: LoaderRegistry,
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
    @Parent() row: QuestionnaireImportModel,
    @Loaders() loaders: LoaderRegistry,
  ): Promise<TemplateVersionModel | null> {
    if (!row.versionRowId) return null;
    const version = await loaders.get(this.versionById).load(row.versionRowId);
    return version && toVersionModel(version);
  }
}
