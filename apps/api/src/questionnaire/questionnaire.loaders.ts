import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '#core';
import {
  QuestionnaireService,
  type QuestionnaireTemplate,
  type TemplateVersion,
} from '#questionnaire';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

@Injectable()
export class TemplateByIdLoader implements LoaderDefinition<string, QuestionnaireTemplate | null> {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  create(ctx: RequestContext): DataLoader<string, QuestionnaireTemplate | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map(
        (await this.questionnaires.findTemplatesByIds(ctx, ids)).map((t) => [t.id, t]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** Versions with their definitions, by id. */
@Injectable()
export class VersionByIdLoader implements LoaderDefinition<string, TemplateVersion | null> {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  create(ctx: RequestContext): DataLoader<string, TemplateVersion | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map(
        (await this.questionnaires.findVersionsByIds(ctx, ids)).map((v) => [v.id, v]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** A template's versions, newest first, without their definitions. */
@Injectable()
export class VersionsByTemplateLoader implements LoaderDefinition<string, TemplateVersion[]> {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  create(ctx: RequestContext): DataLoader<string, TemplateVersion[]> {
    return new DataLoader(async (templateIds) =>
      groupBy(
        templateIds,
        await this.questionnaires.versionsOfTemplates(ctx, templateIds),
        (row) => row.templateId,
      ),
    );
  }
}
