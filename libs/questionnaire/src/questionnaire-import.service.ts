import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AuditService } from '#audit';
import {
  AppConfig,
  Clock,
  DomainException,
  FileService,
  JobName,
  OnJob,
  OutboxService,
  RequestContext,
  TransactionalConnection,
  actorId,
  cleanText,
  nameKey,
  type FieldProblem,
  type JobPayloads,
} from '#core';
import { LANGUAGE_TAG, type LocalizedText } from './definition/definition.schema.js';
import type { ImportFormat, ImportOutcome } from './import/import-types.js';
import { importerFor } from './import/importers.js';
import { ImportStatus, QuestionnaireImport } from './questionnaire-import.entity.js';
import { QuestionnaireTemplate } from './questionnaire-template.entity.js';
import { QuestionnaireService, countQuestions } from './questionnaire.service.js';
import { TemplateVersionStatus } from './template-version-status.js';
import { TemplateVersion } from './template-version.entity.js';

export interface ImportRequest {
  readonly format: ImportFormat;
  /** The file's bytes, given inline… */
  readonly content?: Buffer | null;
  /** …or an uploaded file (a File row id). */
  readonly fileId?: string | null;
  /** Add the draft to this template; otherwise a new template is made. */
  readonly templateId?: string | null;
  /** The new template's name; defaults to the questionnaire's own title. */
  readonly templateName?: string | null;
  readonly language?: string | null;
}

/** How often a running import writes its progress. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Imports questionnaire files into new draft versions, all or nothing. Small files are
 * imported in the request; larger ones by a job whose progress the import row shows.
 */
@Injectable()
export class QuestionnaireImportService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly questionnaires: QuestionnaireService,
    private readonly files: FileService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(QuestionnaireImportService.name);
  }

  async start(ctx: RequestContext, request: ImportRequest): Promise<QuestionnaireImport> {
    const language = request.language ?? 'en';
    const templateName = request.templateName ? cleanText(request.templateName) : null;
    const problems: FieldProblem[] = [];
    if (Boolean(request.content) === Boolean(request.fileId)) {
      problems.push({ path: 'input.content', message: 'give either content or fileId, not both' });
    }
    if (!LANGUAGE_TAG.test(language)) {
      problems.push({
        path: 'input.language',
        message: 'must be a language tag such as "en" or "zh-CN"',
      });
    }
    if (request.templateId && request.templateName) {
      problems.push({
        path: 'input.templateName',
        message: 'names a new template; leave it out with templateId',
      });
    }
    if (templateName !== null && (templateName === '' || templateName.length > 200)) {
      problems.push({ path: 'input.templateName', message: 'must be 1 to 200 characters' });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid import', problems);
    const source = request.content ?? (await this.readFile(ctx, request.fileId!));
    const { maxBytes, inlineMaxBytes } = this.config.questionnaireImports;
    if (source.length > maxBytes) {
      throw DomainException.badUserInput('The file is too large to import', [
        {
          path: request.content ? 'input.content' : 'input.fileId',
          message: `at most ${maxBytes} bytes`,
        },
      ]);
    }
    return this.connection.transaction(ctx, async (tx) => {
      await this.checkTarget(tx, request.templateId ?? null, templateName);
      const imports = await this.connection.repository(tx, QuestionnaireImport);
      const row = imports.create({
        organizationId: ctx.organizationId!,
        format: request.format,
        status: ImportStatus.Queued,
        templateId: request.templateId ?? null,
        templateName,
        language,
        fileId: request.fileId ?? null,
        source: null,
        sourceBytes: source.length,
        processed: 0,
        total: null,
        errors: [],
        warnings: [],
        versionId: null,
        createdBy: actorId(ctx.actor),
        finishedAt: null,
      });
      if (source.length <= inlineMaxBytes) {
        await imports.insert(row);
        const outcome = await this.convert(row, source, () => {});
        return this.finish(tx, row, outcome);
      }
      row.source = request.content ?? null;
      await imports.insert(row);
      await this.outbox.enqueue(
        tx,
        JobName.ImportQuestionnaire,
        { importId: row.id, organizationId: row.organizationId },
        { key: row.id },
      );
      row.source = null;
      return row;
    });
  }

  /** Runs a queued import. Running it again after it finished changes nothing. */
  @OnJob(JobName.ImportQuestionnaire)
  async run(ctx: RequestContext, data: JobPayloads[JobName.ImportQuestionnaire]): Promise<void> {
    const job = RequestContext.system('questionnaire-import', ctx.requestId, data.organizationId);
    const loaded = await this.connection.transaction(job, async (tx) => {
      const imports = await this.connection.repository(tx, QuestionnaireImport);
      const row = await imports
        .createQueryBuilder('import')
        .addSelect('import.source')
        .where('import.id = :id', { id: data.importId })
        .setLock('pessimistic_write')
        .getOne();
      if (!row || row.status === ImportStatus.Succeeded || row.status === ImportStatus.Failed) {
        return null;
      }
      await imports.update({ id: row.id }, { status: ImportStatus.Running });
      return row;
    });
    if (!loaded) return;
    const source = loaded.source ?? (await this.readFile(job, loaded.fileId!));
    let progress: Promise<unknown> = Promise.resolve();
    let written = 0;
    const outcome = await this.convert(loaded, source, (processed, total) => {
      const now = Date.now();
      if (now - written < PROGRESS_INTERVAL_MS && processed < total) return;
      written = now;
      progress = progress.then(() =>
        this.connection.transaction(job, async (tx) =>
          (await this.connection.repository(tx, QuestionnaireImport)).update(
            { id: loaded.id, status: ImportStatus.Running },
            { processed, total },
          ),
        ),
      );
    });
    await progress.catch((error: unknown) =>
      this.logger.warn({ err: error }, 'progress not recorded'),
    );
    await this.connection.transaction(job, async (tx) => {
      const row = await (
        await this.connection.repository(tx, QuestionnaireImport)
      ).findOne({
        where: { id: loaded.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.status === ImportStatus.Succeeded || row.status === ImportStatus.Failed)
        return;
      await this.finish(tx, row, outcome);
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<QuestionnaireImport[]> {
    return this.connection.findByIds(ctx, QuestionnaireImport, ids);
  }

  async findById(ctx: RequestContext, id: string): Promise<QuestionnaireImport> {
    const [row] = await this.findByIds(ctx, [id]);
    if (!row) throw DomainException.notFound('Questionnaire import');
    return row;
  }

  private async convert(
    row: QuestionnaireImport,
    source: Buffer,
    onProgress: (processed: number, total: number) => void,
  ): Promise<ImportOutcome> {
    try {
      return await importerFor(row.format)(source, { language: row.language, onProgress });
    } catch (error) {
      // An importer fault is ours; the user learns the import failed, the log says why.
      this.logger.error({ err: error, importId: row.id, format: row.format }, 'import crashed');
      return {
        ok: false,
        errors: [{ location: 'file', message: 'The file could not be read as this format' }],
        warnings: [],
      };
    }
  }

  /** Records the outcome; on success adds the draft version (and template) in the same transaction. */
  private async finish(
    ctx: RequestContext,
    row: QuestionnaireImport,
    outcome: ImportOutcome,
  ): Promise<QuestionnaireImport> {
    const imports = await this.connection.repository(ctx, QuestionnaireImport);
    const done = { finishedAt: this.clock.now(), source: null } as const;
    if (!outcome.ok) {
      Object.assign(row, done, {
        status: ImportStatus.Failed,
        errors: [...outcome.errors],
        warnings: [...outcome.warnings],
      });
      await imports.save(row);
      return row;
    }
    try {
      const version = await this.connection.transaction(ctx, async (tx) => {
        const template = row.templateId
          ? await this.questionnaires.lockTemplate(tx, row.templateId)
          : await this.questionnaires.insertTemplate(tx, {
              name: await this.freeName(
                tx,
                row.templateName ??
                  titleOf(outcome.questionnaire.title, row.language, this.clock.now()),
              ),
              description: outcome.questionnaire.description
                ? textIn(outcome.questionnaire.description, row.language)
                : null,
              libraryKey: null,
            });
        const definition = outcome.questionnaire.definition as TemplateVersion['definition'];
        return this.questionnaires.insertVersion(tx, template, {
          definition,
          questionCount: countQuestions(definition),
        });
      });
      Object.assign(row, done, {
        status: ImportStatus.Succeeded,
        templateId: version.templateId,
        versionId: version.id,
        processed: version.questionCount,
        total: version.questionCount,
        warnings: [...outcome.warnings],
      });
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      Object.assign(row, done, {
        status: ImportStatus.Failed,
        errors: [{ location: 'template', message: error.message }],
        warnings: [...outcome.warnings],
      });
    }
    await imports.save(row);
    await this.audit.record(ctx, {
      action: `questionnaire_import.${row.status.toLowerCase()}`,
      entityType: 'questionnaire_import',
      entityId: row.id,
      before: null,
      after: {
        format: row.format,
        status: row.status,
        templateId: row.templateId,
        versionId: row.versionId,
        errors: row.errors.length,
        warnings: row.warnings.length,
      },
    });
    return row;
  }

  /** Refuses up front what would make the import fail for reasons other than the file. */
  private async checkTarget(
    ctx: RequestContext,
    templateId: string | null,
    name: string | null,
  ): Promise<void> {
    if (templateId) {
      const template = await this.questionnaires.findTemplate(ctx, templateId);
      const draft = await (
        await this.connection.repository(ctx, TemplateVersion)
      ).exists({
        where: { templateId: template.id, status: TemplateVersionStatus.Draft },
      });
      if (draft) {
        throw DomainException.conflict(
          'The template already has a draft; publish it before importing another',
        );
      }
    } else if (name) {
      const taken = await (
        await this.connection.repository(ctx, QuestionnaireTemplate)
      ).exists({
        where: { nameKey: nameKey(name) },
      });
      if (taken) {
        throw DomainException.conflict(`A questionnaire template named "${name}" exists`, {
          fields: [{ path: 'input.templateName', message: 'is already used by another template' }],
        });
      }
    }
  }

  /** `name`, or `name (2)`, `name (3)`… whichever no template uses yet. */
  private async freeName(ctx: RequestContext, name: string): Promise<string> {
    const templates = await this.connection.repository(ctx, QuestionnaireTemplate);
    const base = cleanText(name).slice(0, 190) || 'Imported questionnaire';
    let candidate = base;
    for (let n = 2; await templates.exists({ where: { nameKey: nameKey(candidate) } }); n += 1) {
      candidate = `${base} (${n})`;
    }
    return candidate;
  }

  private async readFile(ctx: RequestContext, fileId: string): Promise<Buffer> {
    const { content } = await this.files.open(ctx, fileId);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of content as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.config.questionnaireImports.maxBytes) {
        content.destroy();
        throw DomainException.badUserInput('The file is too large to import', [
          {
            path: 'input.fileId',
            message: `at most ${this.config.questionnaireImports.maxBytes} bytes`,
          },
        ]);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
}

function textIn(text: LocalizedText, language: string): string | null {
  return (text[language] ?? Object.values(text)[0] ?? '').trim() || null;
}

function titleOf(title: LocalizedText | undefined, language: string, now: Date): string {
  return (
    (title && textIn(title, language)) ?? `Imported questionnaire ${now.toISOString().slice(0, 10)}`
  );
}
