import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  RequestContext,
  TransactionalConnection,
  actorId,
  hashToken,
  randomToken,
  type Actor,
  type ApiKeyScope,
  type FieldProblem,
  type Role,
} from '#core';
import { FINDING_SEVERITIES, type FindingSeverity, type TemplateDefinition } from '#questionnaire';
import type { AssessmentScore } from '#scoring';
import { VendorOrderField, type VendorFilter, type VendorOrder } from '#vendor';
import { renderAssessmentReport, type AssessmentReport } from './assessment-report.js';
import {
  CSV_ANSWER_COLUMNS,
  SCORE_COLUMNS,
  XLSX_ANSWER_COLUMNS,
  answerRows,
  findingColumns,
  localized,
  scoreRows,
  vendorRegisterColumns,
  type FindingRow,
  type IdEncoder,
  type StoredAnswer,
  type VendorRegisterRow,
} from './export-columns.js';
import {
  ASSESSMENT_KINDS,
  EXPORT_FORMATS,
  ExportFormat,
  ExportKind,
  MEDIA_TYPES,
  exportFileName,
  type ExportFindingFilter,
  type ExportParameters,
} from './export-kind.js';
import { ExportLink } from './export-link.entity.js';
import { findingsQuery, vendorRegisterQuery, type SqlQuery } from './export-queries.js';
import { ReportFont } from './pdf-font.js';
import {
  OutputClosedError,
  anySheet,
  writeCsv,
  writeXlsx,
  type RowCounter,
  type Sheet,
} from './table-writer.js';

/** What requestExport asks for; ids are row ids, already decoded. */
export interface ExportRequest {
  readonly kind: ExportKind;
  readonly format: ExportFormat;
  readonly assessmentId?: string | null;
  readonly language?: string | null;
  readonly vendorFilter?: VendorFilter | null;
  readonly vendorOrder?: VendorOrder | null;
  readonly findingFilter?: ExportFindingFilter | null;
}

/** A new export link: the token (shown once, never stored), and when it stops working. */
export interface IssuedExport {
  readonly token: string;
  readonly link: ExportLink;
  readonly fileName: string;
  readonly mediaType: string;
}

/** The file a download is about to send. */
export interface ExportFile {
  readonly fileName: string;
  readonly mediaType: string;
}

/** Where a download goes: `open` is called once the export is ready to start writing. */
export interface ExportSink {
  open(file: ExportFile): Writable;
}

export interface DownloadResult {
  readonly rowCount: number;
  readonly completed: boolean;
}

/** Rows pg-query-stream reads from the server at a time. */
const BATCH_SIZE = 200;
/** Findings the report lists. */
const REPORT_FINDINGS = 8;
/** What a download refused for too many at once suggests waiting, in seconds. */
const DOWNLOAD_RETRY_SECONDS = 5;

const SEVERITY_RANK: Readonly<Record<string, number>> = Object.fromEntries(
  FINDING_SEVERITIES.map((severity, index) => [severity, index]),
);

interface AssessmentHeader {
  readonly id: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly vendorLegalName: string | null;
  readonly vendorTier: string;
  readonly organizationName: string;
  readonly questionnaire: string;
  readonly versionNumber: number;
  readonly definition: TemplateDefinition;
  readonly cycle: string;
  readonly status: string;
  readonly language: string;
  readonly dueDate: string;
  readonly sentAt: Date | null;
  readonly submittedAt: Date | null;
  readonly completedAt: Date | null;
  readonly score: AssessmentScore | null;
  readonly overallScore: string | null;
  readonly scoreOverride: string | null;
  readonly scoreOverrideJustification: string | null;
  readonly residualRating: string | null;
  readonly decision: string | null;
  readonly decisionNote: string | null;
  readonly reviewerName: string | null;
  readonly reviewerEmail: string | null;
}

const BY_NAME: VendorOrder = { field: VendorOrderField.Name, direction: 'ASC' };

const problem = (path: string, message: string): FieldProblem => ({ path, message });

/**
 * Exports: requestExport hands out a short-lived link bound to the organization and the
 * principal that asked; a download checks the link and streams the rows from PostgreSQL, in a
 * transaction that sees the organization's rows only, as CSV, XLSX or a one-page PDF.
 */
@Injectable()
export class ExportService {
  private readonly logger = new Logger(ExportService.name);
  /** Downloads streaming now in this process (each holds a connection): EXPORT_MAX_CONCURRENT. */
  private streaming = 0;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly font: ReportFont,
  ) {}

  /**
   * Checks the request (kind, format, assessment, filters, language) and issues a link to it.
   * Bad combinations are BAD_USER_INPUT, an assessment the organization does not have NOT_FOUND.
   */
  async request(ctx: RequestContext, request: ExportRequest): Promise<IssuedExport> {
    const requester = ctx.actor;
    if (requester.kind !== 'user' && requester.kind !== 'apiKey') {
      throw DomainException.forbidden('Only members and API keys export');
    }
    const problems: FieldProblem[] = [];
    if (!EXPORT_FORMATS[request.kind].includes(request.format)) {
      problems.push(
        problem(
          'input.format',
          `${request.kind} comes as ${EXPORT_FORMATS[request.kind].join(' or ')}`,
        ),
      );
    }
    const forAssessment = ASSESSMENT_KINDS.has(request.kind);
    if (forAssessment && !request.assessmentId) {
      problems.push(problem('input.assessmentId', `required for ${request.kind}`));
    }
    if (!forAssessment && request.assessmentId) {
      problems.push(problem('input.assessmentId', `only for an assessment's answers or report`));
    }
    if (!forAssessment && request.language) {
      problems.push(problem('input.language', `only for an assessment's answers or report`));
    }
    if (request.vendorFilter && request.kind !== ExportKind.VendorRegister) {
      problems.push(problem('input.vendorFilter', 'only for VENDOR_REGISTER'));
    }
    if (request.vendorOrder && request.kind !== ExportKind.VendorRegister) {
      problems.push(problem('input.vendorOrderBy', 'only for VENDOR_REGISTER'));
    }
    if (request.findingFilter && request.kind !== ExportKind.Findings) {
      problems.push(problem('input.findingFilter', 'only for FINDINGS'));
    }
    if (problems.length) throw DomainException.badUserInput('Invalid export request', problems);

    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      let vendorName: string | null = null;
      let language: string | undefined;
      if (forAssessment) {
        const header = await this.assessmentHeader(manager, tx, request.assessmentId!);
        vendorName = header.vendorName;
        language = request.language ?? header.language;
        if (!header.definition.languages.includes(language)) {
          throw DomainException.badUserInput('Invalid language', [
            problem(
              'input.language',
              `the questionnaire is in ${header.definition.languages.join(', ')}`,
            ),
          ]);
        }
      }
      const parameters: ExportParameters = {
        ...(forAssessment ? { assessmentId: request.assessmentId!, language } : {}),
        ...(request.kind === ExportKind.VendorRegister
          ? {
              vendorFilter: request.vendorFilter ?? {},
              vendorOrder: request.vendorOrder ?? BY_NAME,
            }
          : {}),
        ...(request.kind === ExportKind.Findings
          ? { findingFilter: request.findingFilter ?? {} }
          : {}),
      };
      const now = this.clock.now();
      const token = randomToken();
      const links = manager.getRepository(ExportLink);
      // Links past their time are of no use: each request clears its organization's old ones.
      await links
        .createQueryBuilder()
        .delete()
        .where('organization_id = :organizationId AND expires_at < :before', {
          organizationId: tx.organizationId,
          before: new Date(now.getTime() - 86_400_000),
        })
        .execute();
      const link = links.create({
        organizationId: tx.organizationId!,
        tokenHash: hashToken(token),
        kind: request.kind,
        format: request.format,
        parameters,
        requestedByKind: requester.kind,
        requestedById: actorId(requester)!,
        expiresAt: new Date(now.getTime() + this.config.exports.linkTtlSeconds * 1000),
      });
      await links.insert(link);
      await this.audit.record(tx, {
        action: 'export.requested',
        entityType: 'export',
        entityId: link.id,
        after: {
          kind: link.kind,
          format: link.format,
          parameters: link.parameters as unknown as Record<string, unknown>,
          expiresAt: link.expiresAt.toISOString(),
        },
      });
      return {
        token,
        link,
        fileName: exportFileName(
          request.kind,
          request.format,
          now.toISOString().slice(0, 10),
          vendorName,
        ),
        mediaType: MEDIA_TYPES[request.format],
      };
    });
  }

  /**
   * The link a token opens. Unknown, malformed and expired tokens get one answer,
   * UNAUTHENTICATED. The token names the organization, so this looks across organizations.
   */
  async open(ctx: RequestContext, token: string | undefined): Promise<ExportLink> {
    const refused = new DomainException(
      ErrorCode.Unauthenticated,
      'The export link is not valid or has expired: request the export again',
    );
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw refused;
    const link = await this.connection.systemTransaction(ctx, async (tx) =>
      (await this.connection.repository(tx, ExportLink)).findOneBy({
        tokenHash: hashToken(token),
      }),
    );
    if (!link || link.expiresAt <= this.clock.now()) throw refused;
    return link;
  }

  /**
   * The principal the link was issued to, as it stands now: a member with its current role, an
   * API key still unrevoked and unexpired with its scopes; null when it is neither any more.
   */
  async requester(ctx: RequestContext, link: ExportLink): Promise<Actor | null> {
    const scoped = RequestContext.create({
      requestId: ctx.requestId,
      actor: { kind: 'system', name: 'export-download' },
      organizationId: link.organizationId,
      ip: ctx.ip,
    });
    return this.connection.transaction(scoped, async (tx) => {
      const manager = await this.connection.manager(tx);
      if (link.requestedByKind === 'user') {
        const [membership] = (await manager.query(
          `SELECT role FROM membership WHERE organization_id = $1 AND user_id = $2`,
          [link.organizationId, link.requestedById],
        )) as Array<{ role: Role }>;
        return membership
          ? { kind: 'user', userId: link.requestedById, role: membership.role, sessionId: '' }
          : null;
      }
      const [key] = (await manager.query(
        `SELECT scopes FROM api_key WHERE organization_id = $1 AND id = $2 AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > $3)`,
        [link.organizationId, link.requestedById, this.clock.now()],
      )) as Array<{ scopes: ApiKeyScope[] }>;
      return key ? { kind: 'apiKey', apiKeyId: link.requestedById, scopes: key.scopes } : null;
    });
  }

  /**
   * Streams the export of `link` to the sink, inside one transaction that sees the link's
   * organization only (`ctx` is its requester's context), and records the download in the audit
   * trail with its row count. A client that goes away, or a download past EXPORT_TIMEOUT_MS,
   * ends the query; the result then says `completed: false`.
   */
  async download(
    ctx: RequestContext,
    link: ExportLink,
    sink: ExportSink,
    ids: IdEncoder,
  ): Promise<DownloadResult> {
    if (ctx.organizationId !== link.organizationId) throw DomainException.notFound('Export');
    if (this.streaming >= this.config.exports.maxConcurrent) {
      throw new DomainException(
        ErrorCode.RateLimited,
        'Too many exports are downloading right now; try the same link again shortly',
        { retryAfterSeconds: DOWNLOAD_RETRY_SECONDS },
      );
    }
    this.streaming += 1;
    try {
      return await this.streamDownload(ctx, link, sink, ids);
    } finally {
      this.streaming -= 1;
    }
  }

  private async streamDownload(
    ctx: RequestContext,
    link: ExportLink,
    sink: ExportSink,
    ids: IdEncoder,
  ): Promise<DownloadResult> {
    const counter: RowCounter = { rows: 0 };
    let completed = false;
    let failure: unknown = null;
    try {
      await this.connection.transaction(ctx, async (tx) => {
        const manager = await this.connection.manager(tx);
        const timeoutMs = this.config.exports.timeoutMs;
        // The cursor is one statement from its first row to its last: give it the export's time.
        await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [
          String(timeoutMs),
        ]);
        const today = this.clock.now().toISOString().slice(0, 10);
        const streams: QueryStream[] = [];
        const write = await this.prepare(manager, tx, link, today, ids, streams);
        const out = sink.open({ fileName: write.fileName, mediaType: MEDIA_TYPES[link.format] });
        const timer = setTimeout(() => out.destroy(new OutputClosedError()), timeoutMs);
        try {
          await write.to(out, counter);
          completed = true;
        } finally {
          clearTimeout(timer);
          // The transaction ends only after the cursor is closed on the server.
          await Promise.all(streams.map(closeStream));
        }
      });
    } catch (error) {
      failure = error;
    }
    const rowCount = counter.rows;
    if (rowCount > 0 || completed || failure instanceof OutputClosedError || isClosed(failure)) {
      await this.recordDownload(ctx, link, rowCount, completed).catch((error: unknown) =>
        this.logger.error(`Recording an export download failed: ${(error as Error).message}`),
      );
    }
    if (failure && !(failure instanceof OutputClosedError) && !isClosed(failure)) throw failure;
    return { rowCount, completed };
  }

  private async recordDownload(
    ctx: RequestContext,
    link: ExportLink,
    rowCount: number,
    completed: boolean,
  ): Promise<void> {
    await this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      await manager.query(
        `UPDATE export_link SET download_count = download_count + 1, last_downloaded_at = $2,
           updated_at = $2 WHERE id = $1`,
        [link.id, this.clock.now()],
      );
      await this.audit.record(tx, {
        action: 'export.downloaded',
        entityType: 'export',
        entityId: link.id,
        after: { kind: link.kind, format: link.format, rowCount, completed },
      });
    });
  }

  /** What the download writes, and how: loaded before the first byte goes out. */
  private async prepare(
    manager: EntityManager,
    tx: RequestContext,
    link: ExportLink,
    today: string,
    ids: IdEncoder,
    streams: QueryStream[],
  ): Promise<{
    fileName: string;
    to: (out: Writable, counter: RowCounter) => Promise<void>;
  }> {
    const parameters = link.parameters;
    const organizationId = link.organizationId;
    switch (link.kind) {
      case ExportKind.VendorRegister: {
        const sheet: Sheet<VendorRegisterRow> = {
          name: 'Vendors',
          columns: vendorRegisterColumns(ids),
          rows: this.stream<VendorRegisterRow>(
            manager,
            streams,
            vendorRegisterQuery(
              organizationId,
              parameters.vendorFilter ?? {},
              parameters.vendorOrder ?? BY_NAME,
            ),
          ),
        };
        return {
          fileName: exportFileName(link.kind, link.format, today),
          to: (out, counter) => this.writeTable(link.format, [anySheet(sheet)], out, counter),
        };
      }
      case ExportKind.Findings: {
        const sheet: Sheet<FindingRow> = {
          name: 'Findings',
          columns: findingColumns(ids),
          rows: this.stream<FindingRow>(
            manager,
            streams,
            findingsQuery(organizationId, parameters.findingFilter ?? {}),
          ),
        };
        return {
          fileName: exportFileName(link.kind, link.format, today),
          to: (out, counter) => this.writeTable(link.format, [anySheet(sheet)], out, counter),
        };
      }
      case ExportKind.AssessmentAnswers: {
        const header = await this.assessmentHeader(manager, tx, parameters.assessmentId!);
        const language = parameters.language ?? header.language;
        const answers = await this.answersOf(manager, header.id);
        const rows = answerRows(header.definition, answers, header.score, language);
        const sheets: Array<Sheet<unknown>> =
          link.format === ExportFormat.Xlsx
            ? [
                anySheet({ name: 'Answers', columns: XLSX_ANSWER_COLUMNS, rows }),
                anySheet({
                  name: 'Scores',
                  columns: SCORE_COLUMNS,
                  rows: scoreRows(header.definition, header.score, overrideOf(header), language),
                }),
              ]
            : [anySheet({ name: 'Answers', columns: CSV_ANSWER_COLUMNS, rows })];
        return {
          fileName: exportFileName(link.kind, link.format, today, header.vendorName),
          to: (out, counter) => this.writeTable(link.format, sheets, out, counter),
        };
      }
      case ExportKind.AssessmentReport: {
        const header = await this.assessmentHeader(manager, tx, parameters.assessmentId!);
        const report = await this.report(manager, header, parameters.language ?? header.language);
        return {
          fileName: exportFileName(link.kind, link.format, today, header.vendorName),
          to: async (out, counter) => {
            await pipeline(renderAssessmentReport(report, this.font.current), out);
            counter.rows = 1;
          },
        };
      }
    }
  }

  private async writeTable(
    format: ExportFormat,
    sheets: ReadonlyArray<Sheet<unknown>>,
    out: Writable,
    counter: RowCounter,
  ): Promise<void> {
    if (format === ExportFormat.Xlsx) await writeXlsx(sheets, out, counter);
    else await writeCsv(sheets[0]!, out, counter);
  }

  /**
   * The rows of `query` through pg-query-stream, on the connection of the transaction `manager`
   * belongs to: the role and tenant it set apply, so row-level security keeps the export to the
   * organization. Destroying the stream closes the cursor, which ends the query.
   */
  private stream<Row>(
    manager: EntityManager,
    opened: QueryStream[],
    query: SqlQuery,
  ): AsyncIterable<Row> {
    const runner = manager.queryRunner as unknown as { databaseConnection?: PoolClient } | null;
    const client = runner?.databaseConnection;
    if (!client) throw new Error('An export stream needs the connection of a transaction');
    const stream = client.query(
      new QueryStream(query.text, query.values, { batchSize: BATCH_SIZE }),
    );
    opened.push(stream);
    return stream;
  }

  /** The assessment with what the exports show of it; NOT_FOUND outside the organization. */
  private async assessmentHeader(
    manager: EntityManager,
    ctx: RequestContext,
    assessmentId: string,
  ): Promise<AssessmentHeader> {
    const [row] = (await manager.query(
      `SELECT a.id, a.vendor_id AS "vendorId", v.name AS "vendorName",
          v.legal_name AS "vendorLegalName", v.tier AS "vendorTier", o.name AS "organizationName",
          qt.name AS questionnaire, tv.number AS "versionNumber", tv.definition, a.cycle,
          a.status, a.language, a.due_date::text AS "dueDate", a.sent_at AS "sentAt",
          a.submitted_at AS "submittedAt", a.completed_at AS "completedAt", a.score,
          a.overall_score::text AS "overallScore", a.score_override::text AS "scoreOverride",
          a.score_override_justification AS "scoreOverrideJustification",
          a.residual_rating AS "residualRating", a.decision, a.decision_note AS "decisionNote",
          u.display_name AS "reviewerName", u.email AS "reviewerEmail"
        FROM assessment a
        JOIN vendor v ON v.id = a.vendor_id
        JOIN organization o ON o.id = a.organization_id
        JOIN template_version tv ON tv.id = a.template_version_id
        JOIN questionnaire_template qt ON qt.id = tv.template_id
        LEFT JOIN app_user u ON u.id = a.reviewer_id
        WHERE a.organization_id = $1 AND a.id = $2`,
      [ctx.organizationId, assessmentId],
    )) as AssessmentHeader[];
    if (!row) throw DomainException.notFound('Assessment');
    return row;
  }

  private async answersOf(manager: EntityManager, assessmentId: string): Promise<StoredAnswer[]> {
    return (await manager.query(
      `SELECT a.question_key AS "questionKey", a.value, a.not_applicable AS "notApplicable",
          a.comment,
          ARRAY(SELECT f.original_name FROM unnest(a.evidence_file_ids) WITH ORDINALITY AS e(id, n)
                JOIN stored_file f ON f.id = e.id ORDER BY e.n) AS "evidenceNames"
        FROM answer a WHERE a.assessment_id = $1`,
      [assessmentId],
    )) as StoredAnswer[];
  }

  private async report(
    manager: EntityManager,
    header: AssessmentHeader,
    language: string,
  ): Promise<AssessmentReport> {
    const findings = (await manager.query(
      `SELECT severity, status, title, due_date::text AS "dueDate" FROM finding
        WHERE assessment_id = $1 ORDER BY created_at, id`,
      [header.id],
    )) as Array<{ severity: string; status: string; title: string; dueDate: string | null }>;
    const bySeverity = Object.fromEntries(
      FINDING_SEVERITIES.map((severity) => [
        severity,
        findings.filter((finding) => finding.severity === severity).length,
      ]),
    ) as Record<FindingSeverity, number>;
    const primary = header.definition.languages[0]!;
    const titles = new Map(header.definition.sections.map((s) => [s.key, s.title]));
    const override = overrideOf(header);
    const computed = header.overallScore === null ? null : Number(header.overallScore);
    return {
      organization: header.organizationName,
      vendor: {
        name: header.vendorName,
        legalName: header.vendorLegalName,
        tier: header.vendorTier,
      },
      questionnaire: `${header.questionnaire} v${header.versionNumber}`,
      cycle: header.cycle,
      status: header.status,
      language,
      dueDate: header.dueDate,
      sentAt: header.sentAt,
      submittedAt: header.submittedAt,
      completedAt: header.completedAt,
      score: {
        computed,
        override: override?.score ?? null,
        overrideJustification: override?.justification ?? null,
        effective: override?.score ?? computed,
      },
      sections: (header.score?.sections ?? []).map((section) => ({
        title: localized(titles.get(section.key), language, primary) ?? section.key,
        score: section.score,
        earned: section.earned,
        possible: section.possible,
        counted: section.counted,
      })),
      residualRating: header.residualRating,
      findings: {
        total: findings.length,
        bySeverity,
        top: [...findings]
          .sort(
            (a, b) =>
              (SEVERITY_RANK[b.severity] ?? -1) - (SEVERITY_RANK[a.severity] ?? -1) ||
              Number(isClosedFinding(a.status)) - Number(isClosedFinding(b.status)),
          )
          .slice(0, REPORT_FINDINGS),
      },
      decision: header.decision,
      decisionNote: header.decisionNote,
      reviewer: header.reviewerEmail
        ? `${header.reviewerName ?? ''} <${header.reviewerEmail}>`.trim()
        : null,
      generatedAt: this.clock.now(),
    };
  }
}

function overrideOf(
  header: AssessmentHeader,
): { score: number; justification: string | null } | null {
  return header.scoreOverride === null
    ? null
    : { score: Number(header.scoreOverride), justification: header.scoreOverrideJustification };
}

const isClosedFinding = (status: string) => status === 'RESOLVED' || status === 'RISK_ACCEPTED';

/** Closes a query stream (and so its cursor) if it is still open, and waits until it is. */
async function closeStream(stream: QueryStream): Promise<void> {
  if (stream.closed) return;
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  if (!stream.destroyed) stream.destroy();
  await closed;
}

/** Whether `error` is a stream torn down because its other end went away. */
function isClosed(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ERR_STREAM_DESTROYED';
}
