import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, canonicalJson, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  TransactionalConnection,
  actorId,
  cleanText,
  escapeLike,
  nameKey,
  optionalText,
  paginate,
  type FieldProblem,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { diffDefinitions, type DefinitionDiff } from './definition/definition-diff.js';
import type { TemplateDefinition } from './definition/definition.schema.js';
import {
  validateDefinition,
  type DefinitionIssue,
  type DefinitionValidation,
  type ValidationMode,
} from './definition/validate-definition.js';
import { libraryTemplate } from './library/index.js';
import type { LibraryTemplate } from './library/library-template.js';
import { QuestionnaireTemplate } from './questionnaire-template.entity.js';
import { TemplateVersionStatus, assertTemplateVersionMove } from './template-version-status.js';
import { TemplateVersion } from './template-version.entity.js';

export interface TemplateFields {
  readonly name: string;
  readonly description?: string | null;
}

/** How a new template starts: empty in these languages, or a copy of a library template. */
export type TemplateStart =
  { readonly languages: readonly string[] } | { readonly libraryKey: string };

/** Where a new draft's definition comes from. */
export type DraftSource =
  { readonly versionId: string } | { readonly libraryKey: string } | { readonly latest: true };

export interface TemplateFilter {
  readonly search?: string | null;
}

export interface NewDraft {
  readonly definition: TemplateDefinition;
  readonly questionCount: number;
  readonly basedOnId?: string | null;
  readonly libraryKey?: string | null;
  readonly libraryVersion?: number | null;
}

const DEFAULT_LANGUAGES = ['en', 'zh-CN'];
/** Published definitions kept in memory; they never change, and assessments read them often. */
const PUBLISHED_CACHE_SIZE = 100;

/** The SHA-256 of a definition's canonical JSON: what a published version is known by. */
export function definitionChecksum(definition: TemplateDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export function countQuestions(definition: TemplateDefinition): number {
  return definition.sections.reduce((sum, section) => sum + section.questions.length, 0);
}

/** Definition problems as BAD_USER_INPUT fields under `prefix`. */
export function definitionProblems(
  prefix: string,
  issues: readonly DefinitionIssue[],
): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path ? `${prefix}.${issue.path}` : prefix,
    message: issue.message,
  }));
}

const templateAudit = (template: QuestionnaireTemplate): AuditValues => ({
  name: template.name,
  description: template.description,
  libraryKey: template.libraryKey,
});

const versionAudit = (version: TemplateVersion): AuditValues => ({
  templateId: version.templateId,
  number: version.number,
  status: version.status,
  questionCount: version.questionCount,
  checksum: version.checksum,
  basedOnId: version.basedOnId,
  libraryKey: version.libraryKey,
  libraryVersion: version.libraryVersion,
});

/** Questionnaire templates and the lifecycle of their versions. */
@Injectable()
export class QuestionnaireService {
  private readonly publishedDefinitions = new LRUCache<string, TemplateDefinition>({
    max: PUBLISHED_CACHE_SIZE,
  });

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Checks a definition without saving it. */
  validate(document: unknown, mode: ValidationMode): DefinitionValidation {
    return validateDefinition(document, mode);
  }

  /** A new template with version 1: an empty draft, or a published copy of a library template. */
  async createTemplate(
    ctx: RequestContext,
    fields: TemplateFields,
    start: TemplateStart,
  ): Promise<{ template: QuestionnaireTemplate; version: TemplateVersion }> {
    const library =
      'libraryKey' in start ? this.library(start.libraryKey, 'input.fromLibrary') : null;
    const name = this.templateName(fields.name ?? '');
    let definition: TemplateDefinition;
    if (library) {
      definition = this.libraryDefinition(library);
    } else {
      const languages = 'languages' in start ? start.languages : DEFAULT_LANGUAGES;
      const validation = validateDefinition({ languages, sections: [] });
      if (!validation.valid) {
        throw DomainException.badUserInput(
          'Invalid languages',
          definitionProblems('input', validation.errors),
        );
      }
      definition = validation.definition;
    }
    return this.connection.transaction(ctx, async (tx) => {
      const template = await this.insertTemplate(tx, {
        name,
        description: optionalText(fields.description),
        libraryKey: library?.key ?? null,
      });
      const version = await this.insertVersion(tx, template, {
        definition,
        questionCount: countQuestions(definition),
        libraryKey: library?.key ?? null,
        libraryVersion: library?.version ?? null,
      });
      if (library) await this.publishLocked(tx, version);
      return { template, version };
    });
  }

  /** Inserts a template (CONFLICT on a duplicate name) and audits it. */
  async insertTemplate(
    ctx: RequestContext,
    fields: { name: string; description: string | null; libraryKey: string | null },
  ): Promise<QuestionnaireTemplate> {
    const repository = await this.connection.repository(ctx, QuestionnaireTemplate);
    const key = nameKey(fields.name);
    if (await repository.exists({ where: { nameKey: key } })) {
      throw DomainException.conflict(`A questionnaire template named "${fields.name}" exists`, {
        fields: [{ path: 'input.name', message: 'is already used by another template' }],
      });
    }
    const template = repository.create({
      organizationId: ctx.organizationId!,
      name: fields.name,
      nameKey: key,
      description: fields.description,
      libraryKey: fields.libraryKey,
    });
    await repository.insert(template);
    await this.audit.record(ctx, {
      action: 'questionnaire_template.created',
      entityType: 'questionnaire_template',
      entityId: template.id,
      before: null,
      after: templateAudit(template),
    });
    return template;
  }

  async updateTemplate(
    ctx: RequestContext,
    id: string,
    fields: Partial<TemplateFields>,
  ): Promise<QuestionnaireTemplate> {
    const name = fields.name === undefined ? undefined : this.templateName(fields.name);
    return this.connection.transaction(ctx, async (tx) => {
      const repository = await this.connection.repository(tx, QuestionnaireTemplate);
      const template = await repository.findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!template) throw DomainException.notFound('Questionnaire template');
      const before = templateAudit(template);
      if (name !== undefined && nameKey(name) !== template.nameKey) {
        if (await repository.exists({ where: { nameKey: nameKey(name) } })) {
          throw DomainException.conflict(`A questionnaire template named "${name}" exists`, {
            fields: [{ path: 'input.name', message: 'is already used by another template' }],
          });
        }
      }
      if (name !== undefined) Object.assign(template, { name, nameKey: nameKey(name) });
      if (fields.description !== undefined) template.description = optionalText(fields.description);
      const saved = await repository.save(template);
      await this.audit.record(tx, {
        action: 'questionnaire_template.updated',
        entityType: 'questionnaire_template',
        entityId: template.id,
        before,
        after: templateAudit(saved),
      });
      return saved;
    });
  }

  /** A new draft of a template: CONFLICT while it already has one. */
  async createDraft(
    ctx: RequestContext,
    templateId: string,
    source: DraftSource,
  ): Promise<TemplateVersion> {
    return this.connection.transaction(ctx, async (tx) => {
      const template = await this.lockTemplate(tx, templateId);
      let draft: NewDraft;
      if ('libraryKey' in source) {
        const library = this.library(source.libraryKey, 'input.fromLibrary');
        const definition = this.libraryDefinition(library);
        draft = {
          definition,
          questionCount: countQuestions(definition),
          libraryKey: library.key,
          libraryVersion: library.version,
        };
      } else {
        const base =
          'versionId' in source
            ? await this.findVersion(tx, source.versionId)
            : await this.latestVersion(tx, templateId);
        if (!base || base.templateId !== templateId) {
          throw DomainException.notFound('Template version of this template');
        }
        draft = {
          definition: base.definition,
          questionCount: base.questionCount,
          basedOnId: base.id,
          libraryKey: base.libraryKey,
          libraryVersion: base.libraryVersion,
        };
      }
      return this.insertVersion(tx, template, draft);
    });
  }

  /**
   * Adds a draft version to a locked template: CONFLICT while the template has a draft.
   * The caller holds the template's lock (lockTemplate) inside its transaction.
   */
  async insertVersion(
    ctx: RequestContext,
    template: QuestionnaireTemplate,
    draft: NewDraft,
  ): Promise<TemplateVersion> {
    const repository = await this.connection.repository(ctx, TemplateVersion);
    const existing = await repository.findOne({
      where: { templateId: template.id, status: TemplateVersionStatus.Draft },
      select: { id: true, number: true },
    });
    if (existing) {
      throw DomainException.conflict(
        `The template already has a draft (version ${existing.number}); edit or publish it first`,
      );
    }
    const last = await repository
      .createQueryBuilder('version')
      .select('MAX(version.number)', 'number')
      .where('version.template_id = :templateId', { templateId: template.id })
      .getRawOne<{ number: number | null }>();
    const version = repository.create({
      organizationId: template.organizationId,
      templateId: template.id,
      number: (last?.number ?? 0) + 1,
      status: TemplateVersionStatus.Draft,
      definition: draft.definition,
      questionCount: draft.questionCount,
      checksum: null,
      basedOnId: draft.basedOnId ?? null,
      libraryKey: draft.libraryKey ?? null,
      libraryVersion: draft.libraryVersion ?? null,
      createdBy: actorId(ctx.actor),
      publishedAt: null,
      publishedBy: null,
      retiredAt: null,
    });
    await repository.insert(version);
    await this.audit.record(ctx, {
      action: 'template_version.created',
      entityType: 'template_version',
      entityId: version.id,
      before: null,
      after: versionAudit(version),
    });
    return version;
  }

  /**
   * Replaces a draft's definition. `expectedRevision` is the revision the editor read: a stale
   * one is CONFLICT, so of two concurrent edits one wins and the other is told to reload.
   */
  async updateDraft(
    ctx: RequestContext,
    versionId: string,
    document: unknown,
    expectedRevision: number,
  ): Promise<{ version: TemplateVersion; warnings: readonly DefinitionIssue[] }> {
    const validation = validateDefinition(document, 'draft');
    return this.connection.transaction(ctx, async (tx) => {
      const version = await this.lockVersion(tx, versionId);
      this.assertDraft(version);
      if (version.revision !== expectedRevision) {
        throw DomainException.conflict('The draft has changed since you read it; reload it', {
          current: { revision: version.revision },
        });
      }
      if (!validation.valid) {
        throw DomainException.badUserInput(
          'The definition is invalid',
          definitionProblems('input.definition', validation.errors),
        );
      }
      const before = versionAudit(version);
      version.definition = validation.definition;
      version.questionCount = countQuestions(validation.definition);
      const saved = await (await this.connection.repository(tx, TemplateVersion)).save(version);
      await this.audit.record(tx, {
        action: 'template_version.definition_replaced',
        entityType: 'template_version',
        entityId: version.id,
        before,
        after: versionAudit(saved),
      });
      return { version: saved, warnings: validation.warnings };
    });
  }

  /** Publishes a draft: every text in every language, every question scored; checksummed. */
  async publish(
    ctx: RequestContext,
    versionId: string,
    expectedRevision?: number | null,
  ): Promise<TemplateVersion> {
    return this.connection.transaction(ctx, async (tx) => {
      const version = await this.lockVersion(tx, versionId);
      assertTemplateVersionMove(version.status, TemplateVersionStatus.Published);
      if (typeof expectedRevision === 'number' && version.revision !== expectedRevision) {
        throw DomainException.conflict('The draft has changed since you read it; reload it', {
          current: { revision: version.revision },
        });
      }
      return this.publishLocked(tx, version);
    });
  }

  private async publishLocked(
    ctx: RequestContext,
    version: TemplateVersion,
  ): Promise<TemplateVersion> {
    const validation = validateDefinition(version.definition, 'publish');
    if (!validation.valid) {
      throw DomainException.badUserInput(
        'The version cannot be published until its definition is complete',
        definitionProblems('definition', validation.errors),
      );
    }
    const before = versionAudit(version);
    Object.assign(version, {
      status: TemplateVersionStatus.Published,
      definition: validation.definition,
      checksum: definitionChecksum(validation.definition),
      publishedAt: this.clock.now(),
      publishedBy: actorId(ctx.actor),
    });
    const saved = await (await this.connection.repository(ctx, TemplateVersion)).save(version);
    await this.audit.record(ctx, {
      action: 'template_version.published',
      entityType: 'template_version',
      entityId: version.id,
      before,
      after: versionAudit(saved),
    });
    return saved;
  }

  /** Retires a published version: it stays readable (assessments pin it) but is not sent again. */
  async retire(ctx: RequestContext, versionId: string): Promise<TemplateVersion> {
    return this.connection.transaction(ctx, async (tx) => {
      const version = await this.lockVersion(tx, versionId);
      assertTemplateVersionMove(version.status, TemplateVersionStatus.Retired);
      const before = versionAudit(version);
      version.status = TemplateVersionStatus.Retired;
      version.retiredAt = this.clock.now();
      const saved = await (await this.connection.repository(tx, TemplateVersion)).save(version);
      await this.audit.record(tx, {
        action: 'template_version.retired',
        entityType: 'template_version',
        entityId: version.id,
        before,
        after: versionAudit(saved),
      });
      return saved;
    });
  }

  async diff(ctx: RequestContext, fromId: string, toId: string): Promise<DefinitionDiff> {
    const versions = await this.findVersionsByIds(ctx, [fromId, toId]);
    const from = versions.find((version) => version.id === fromId);
    const to = versions.find((version) => version.id === toId);
    if (!from || !to) throw DomainException.notFound('Template version');
    return diffDefinitions(from.definition, to.definition);
  }

  async listTemplates(
    ctx: RequestContext,
    filter: TemplateFilter,
    page: PageRequest,
  ): Promise<Page<QuestionnaireTemplate>> {
    const query = (await this.connection.repository(ctx, QuestionnaireTemplate)).createQueryBuilder(
      'template',
    );
    const search = filter.search ? nameKey(filter.search) : '';
    if (search) {
      query.andWhere(`template.name_key LIKE :search ESCAPE '\\'`, {
        search: `%${escapeLike(search)}%`,
      });
    }
    return paginate(query, page, {
      column: 'template.name_key',
      property: 'nameKey',
      direction: 'ASC',
    });
  }

  async findTemplatesByIds(
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<QuestionnaireTemplate[]> {
    return this.connection.findByIds(ctx, QuestionnaireTemplate, ids);
  }

  async findTemplate(ctx: RequestContext, id: string): Promise<QuestionnaireTemplate> {
    const [template] = await this.findTemplatesByIds(ctx, [id]);
    if (!template) throw DomainException.notFound('Questionnaire template');
    return template;
  }

  async findVersionsByIds(ctx: RequestContext, ids: readonly string[]): Promise<TemplateVersion[]> {
    return this.connection.findByIds(ctx, TemplateVersion, ids);
  }

  async findVersion(ctx: RequestContext, id: string): Promise<TemplateVersion> {
    const [version] = await this.findVersionsByIds(ctx, [id]);
    if (!version) throw DomainException.notFound('Template version');
    return version;
  }

  /**
   * The definition of a version. Published and retired ones never change, so they are kept in
   * memory by organization and version; the first read goes through `ctx`, and its tenancy.
   */
  async definitionOf(ctx: RequestContext, versionId: string): Promise<TemplateDefinition> {
    const key = `${ctx.organizationId}:${versionId}`;
    const cached = this.publishedDefinitions.get(key);
    if (cached) return cached;
    const version = await this.findVersion(ctx, versionId);
    if (version.status !== TemplateVersionStatus.Draft) {
      this.publishedDefinitions.set(key, version.definition);
    }
    return version.definition;
  }

  /** The name of the template a version belongs to, without reading the definition. */
  async templateNameOf(ctx: RequestContext, versionId: string): Promise<string> {
    const row = await (
      await this.connection.repository(ctx, QuestionnaireTemplate)
    )
      .createQueryBuilder('template')
      .innerJoin(TemplateVersion, 'version', 'version.template_id = template.id')
      .select('template.name', 'name')
      .where('version.id = :versionId', { versionId })
      .getRawOne<{ name: string }>();
    if (!row) throw DomainException.notFound('Template version');
    return row.name;
  }

  /** A version and its template, read in a transaction of their own when `ctx` has none. */
  async readVersion(
    ctx: RequestContext,
    id: string,
  ): Promise<{ version: TemplateVersion; template: QuestionnaireTemplate }> {
    return this.connection.transaction(ctx, async (tx) => {
      const version = await this.findVersion(tx, id);
      return { version, template: await this.findTemplate(tx, version.templateId) };
    });
  }

  /** The versions of these templates, newest first, without their definitions. */
  async versionsOfTemplates(
    ctx: RequestContext,
    templateIds: readonly string[],
  ): Promise<TemplateVersion[]> {
    if (templateIds.length === 0) return [];
    return (await this.connection.repository(ctx, TemplateVersion))
      .createQueryBuilder('version')
      .select([
        'version.id',
        'version.organizationId',
        'version.templateId',
        'version.number',
        'version.status',
        'version.questionCount',
        'version.checksum',
        'version.basedOnId',
        'version.libraryKey',
        'version.libraryVersion',
        'version.createdBy',
        'version.publishedAt',
        'version.publishedBy',
        'version.retiredAt',
        'version.createdAt',
        'version.updatedAt',
        'version.revision',
      ])
      .where('version.template_id IN (:...templateIds)', { templateIds })
      .orderBy('version.template_id')
      .addOrderBy('version.number', 'DESC')
      .getMany();
  }

  /** Locks a template for a change that adds versions to it. */
  async lockTemplate(ctx: RequestContext, id: string): Promise<QuestionnaireTemplate> {
    const template = await (
      await this.connection.repository(ctx, QuestionnaireTemplate)
    ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!template) throw DomainException.notFound('Questionnaire template');
    return template;
  }

  /** A library template by key: BAD_USER_INPUT naming `path` when there is none. */
  library(key: string, path: string): LibraryTemplate {
    const template = libraryTemplate(key);
    if (!template) {
      throw DomainException.badUserInput('Unknown library template', [
        { path, message: `"${key}" is not a library template` },
      ]);
    }
    return template;
  }

  private libraryDefinition(template: LibraryTemplate): TemplateDefinition {
    const validation = validateDefinition(template.definition, 'publish');
    if (!validation.valid) throw new Error(`Library template ${template.key} is invalid`);
    return validation.definition;
  }

  private async latestVersion(
    ctx: RequestContext,
    templateId: string,
  ): Promise<TemplateVersion | null> {
    const repository = await this.connection.repository(ctx, TemplateVersion);
    return (
      (await repository.findOne({
        where: { templateId, status: TemplateVersionStatus.Published },
        order: { number: 'DESC' },
      })) ?? (await repository.findOne({ where: { templateId }, order: { number: 'DESC' } }))
    );
  }

  private async lockVersion(ctx: RequestContext, id: string): Promise<TemplateVersion> {
    const version = await (
      await this.connection.repository(ctx, TemplateVersion)
    ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!version) throw DomainException.notFound('Template version');
    return version;
  }

  private assertDraft(version: TemplateVersion): void {
    if (version.status !== TemplateVersionStatus.Draft) {
      throw DomainException.conflict(
        `Version ${version.number} is ${version.status} and never changes; create a draft to edit it`,
        { status: version.status },
      );
    }
  }

  private templateName(name: string): string {
    const cleaned = cleanText(name);
    const problems: FieldProblem[] = [];
    if (!cleaned) problems.push({ path: 'input.name', message: 'must not be empty' });
    if (cleaned.length > 200)
      problems.push({ path: 'input.name', message: 'must be at most 200 characters' });
    if (problems.length > 0) throw DomainException.badUserInput('Invalid template', problems);
    return cleaned;
  }

  /** The default languages of a new empty template. */
  static readonly defaultLanguages: readonly string[] = DEFAULT_LANGUAGES;
}
