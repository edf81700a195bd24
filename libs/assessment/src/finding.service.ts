import { Injectable } from '@nestjs/common';
import { AuditService, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  FileService,
  TransactionalConnection,
  actorId,
  optionalText,
  paginate,
  type FieldProblem,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { Membership } from '#identity';
import {
  FINDING_SEVERITIES,
  QuestionnaireService,
  questionsOf,
  type FindingSeverity,
  type LocalizedText,
  type TemplateDefinition,
} from '#questionnaire';
import type { AssessmentScore } from '#scoring';
import { VendorService } from '#vendor';
import { WebhookEventType, WebhookService, webhookGlobalId, type WebhookSummary } from '#webhook';
import { Assessment } from './assessment.entity.js';
import { assertFindingMove, isOpenFinding } from './finding-status.js';
import { Finding, FindingSource, FindingStatus } from './finding.entity.js';
import { LifecycleEmailService } from './lifecycle-email.service.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TITLE = 300;
const MAX_TEXT = 10_000;
const MAX_EVIDENCE = 20;
const OPEN_STATUSES = [FindingStatus.Open, FindingStatus.InRemediation];

export interface RaiseFindingRequest {
  readonly vendorId: string;
  readonly assessmentId?: string | null;
  /** A question of the assessment's definition; needs `assessmentId`. */
  readonly questionKey?: string | null;
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly description?: string | null;
  /** A membership id of the organization. */
  readonly ownerId?: string | null;
  /** `YYYY-MM-DD`, today or later. */
  readonly dueDate?: string | null;
}

/** What `update` may change; undefined leaves a field alone, null clears an optional one. */
export interface FindingChange {
  readonly severity?: FindingSeverity | null;
  readonly title?: string | null;
  readonly description?: string | null;
  readonly ownerId?: string | null;
  readonly dueDate?: string | null;
  /** OPEN or IN_REMEDIATION only; the other states have their own operations. */
  readonly status?: FindingStatus | null;
  /** The version the caller read; a different current version is CONFLICT. */
  readonly expectedVersion?: number | null;
}

export interface RiskAcceptanceRequest {
  readonly justification: string;
  /** `YYYY-MM-DD`, after today. */
  readonly expiresOn: string;
  readonly expectedVersion?: number | null;
}

export interface VendorResponseRequest {
  readonly plan: string;
  /** `YYYY-MM-DD`, today or later. */
  readonly targetDate?: string | null;
  /** Files the vendor contact uploaded; replaces the response's list. */
  readonly evidenceFileIds?: readonly string[] | null;
}

export interface FindingFilter {
  readonly vendorId?: string | null;
  readonly assessmentId?: string | null;
  readonly statuses?: readonly FindingStatus[] | null;
  readonly severities?: readonly FindingSeverity[] | null;
  /** OPEN or IN_REMEDIATION only. */
  readonly openOnly?: boolean | null;
}

const auditView = (finding: Finding): AuditValues => ({
  vendorId: finding.vendorId,
  assessmentId: finding.assessmentId,
  questionKey: finding.questionKey,
  source: finding.source,
  severity: finding.severity,
  title: finding.title,
  status: finding.status,
  ownerId: finding.ownerId,
  dueDate: finding.dueDate,
});

const isDay = (value: string) =>
  DAY.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The text in `language`, else in the definition's first language. */
function localized(text: LocalizedText | null | undefined, language: string, primary: string) {
  if (!text) return null;
  const chosen = text[language]?.trim() ? text[language] : text[primary];
  return chosen?.trim() ? chosen.trim() : null;
}

/** What a webhook tells about a finding: never its free text, which may name people. */
const webhookSummary = (finding: Finding): WebhookSummary => ({
  vendorId: webhookGlobalId('Vendor', finding.vendorId),
  assessmentId: finding.assessmentId ? webhookGlobalId('Assessment', finding.assessmentId) : null,
  source: finding.source,
  severity: finding.severity,
});

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** Findings: raised at submission for failed knockouts or by risk owners, tracked to closure. */
@Injectable()
export class FindingService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly vendors: VendorService,
    private readonly questionnaires: QuestionnaireService,
    private readonly files: FileService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly webhooks: WebhookService,
    private readonly lifecycleEmails: LifecycleEmailService,
  ) {}

  /** Today, `YYYY-MM-DD` (UTC). */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /**
   * Raises a finding by hand, announced (`finding.raised`) and emailed to its owner, else to the
   * vendor's risk owner; BAD_USER_INPUT on bad fields, NOT_FOUND on unknown ids.
   */
  async raise(ctx: RequestContext, request: RaiseFindingRequest): Promise<Finding> {
    const problems: FieldProblem[] = [];
    this.checkSeverity(request.severity, problems);
    this.checkTitle(request.title, problems);
    this.checkText(request.description, 'input.description', problems);
    this.checkFutureDay(request.dueDate, 'input.dueDate', problems);
    if (request.questionKey && !request.assessmentId) {
      problems.push({ path: 'input.questionKey', message: 'needs the assessment it belongs to' });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid finding', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.vendors.findById(tx, request.vendorId);
      if (request.assessmentId) {
        const assessment = await (
          await this.connection.repository(tx, Assessment)
        ).findOneBy({ id: request.assessmentId });
        if (!assessment) throw DomainException.notFound('Assessment');
        if (assessment.vendorId !== vendor.id) {
          throw DomainException.badUserInput('Invalid finding', [
            { path: 'input.assessmentId', message: 'is an assessment of another vendor' },
          ]);
        }
        if (request.questionKey) {
          const definition = (
            await this.questionnaires.findVersion(tx, assessment.templateVersionId)
          ).definition;
          if (!questionsOf(definition).some((question) => question.key === request.questionKey)) {
            throw DomainException.badUserInput('Invalid finding', [
              {
                path: 'input.questionKey',
                message: `"${request.questionKey}" is not a question of the assessment`,
              },
            ]);
          }
        }
      }
      if (request.ownerId) await this.checkMember(tx, request.ownerId);
      const repository = await this.connection.repository(tx, Finding);
      const finding = repository.create({
        organizationId: vendor.organizationId,
        vendorId: vendor.id,
        assessmentId: request.assessmentId ?? null,
        questionKey: request.questionKey ?? null,
        source: FindingSource.Manual,
        severity: request.severity,
        title: request.title.trim(),
        description: optionalText(request.description),
        status: FindingStatus.Open,
        ownerId: request.ownerId ?? null,
        dueDate: request.dueDate ?? null,
        vendorResponse: null,
        riskAcceptance: null,
        resolvedAt: null,
      });
      await repository.insert(finding);
      await this.audit.record(tx, {
        action: 'finding.raised',
        entityType: 'finding',
        entityId: finding.id,
        before: null,
        after: auditView(finding),
      });
      await this.announceRaised(tx, finding);
      await this.lifecycleEmails.findingsRaised(tx, [finding], vendor);
      return finding;
    });
  }

  /**
   * Raises the findings a fixed score calls for: one KNOCKOUT finding per failed knockout and
   * one FLAGGED_ANSWER finding per flagged answer, unless the assessment already has that
   * source's finding for that question (a resubmission after changes were requested). Each is
   * announced and emailed like one raised by hand. Runs in the submission's transaction, which
   * holds the assessment's row lock, so two submissions cannot both raise one.
   */
  async raiseScoreFindings(
    tx: RequestContext,
    assessment: Assessment,
    definition: TemplateDefinition,
    score: Pick<AssessmentScore, 'failedKnockouts' | 'flaggedAnswers'>,
  ): Promise<Finding[]> {
    const wanted = [
      ...score.failedKnockouts.map((knockout) => ({
        source: FindingSource.Knockout,
        questionKey: knockout.questionKey,
        severity: knockout.severity,
        text: knockout.finding,
      })),
      ...score.flaggedAnswers.map((flagged) => ({
        source: FindingSource.FlaggedAnswer,
        questionKey: flagged.questionKey,
        severity: flagged.severity,
        text: flagged.finding,
      })),
    ];
    if (wanted.length === 0) return [];
    const repository = await this.connection.repository(tx, Finding);
    const raised = new Set(
      (
        await repository
          .createQueryBuilder('finding')
          .select(['finding.id', 'finding.questionKey', 'finding.source'])
          .where(
            'finding.assessment_id = :assessmentId AND finding.source IN (:...sources) AND finding.question_key IN (:...keys)',
            {
              assessmentId: assessment.id,
              sources: [FindingSource.Knockout, FindingSource.FlaggedAnswer],
              keys: wanted.map((item) => item.questionKey),
            },
          )
          .getMany()
      ).map((finding) => `${finding.source} ${finding.questionKey}`),
    );
    const questions = new Map(questionsOf(definition).map((question) => [question.key, question]));
    const primary = definition.languages[0]!;
    const created: Finding[] = [];
    for (const item of wanted) {
      const key = `${item.source} ${item.questionKey}`;
      if (raised.has(key)) continue;
      raised.add(key);
      const questionText =
        localized(questions.get(item.questionKey)?.text, assessment.language, primary) ??
        item.questionKey;
      const findingText = localized(item.text, assessment.language, primary);
      const title = findingText ?? questionText;
      const finding = repository.create({
        organizationId: assessment.organizationId,
        vendorId: assessment.vendorId,
        assessmentId: assessment.id,
        questionKey: item.questionKey,
        source: item.source,
        severity: item.severity,
        title: clip(title, MAX_TITLE),
        // The full finding text when the title had to be cut, else the question it is about.
        description: title.length > MAX_TITLE ? title : findingText ? questionText : null,
        status: FindingStatus.Open,
        ownerId: null,
        dueDate: null,
        vendorResponse: null,
        riskAcceptance: null,
        resolvedAt: null,
      });
      await repository.insert(finding);
      await this.audit.record(tx, {
        action: 'finding.raised',
        entityType: 'finding',
        entityId: finding.id,
        before: null,
        after: auditView(finding),
      });
      await this.announceRaised(tx, finding);
      created.push(finding);
    }
    if (created.length > 0) {
      const vendor = await this.vendors.findById(tx, assessment.vendorId);
      await this.lifecycleEmails.findingsRaised(tx, created, vendor);
    }
    return created;
  }

  /** Changes the finding's details, or moves it between OPEN and IN_REMEDIATION. */
  async update(ctx: RequestContext, id: string, change: FindingChange): Promise<Finding> {
    const problems: FieldProblem[] = [];
    if (change.severity !== undefined) this.checkSeverity(change.severity, problems);
    if (change.title !== undefined) this.checkTitle(change.title, problems);
    this.checkText(change.description, 'input.description', problems);
    this.checkFutureDay(change.dueDate, 'input.dueDate', problems);
    if (
      change.status !== undefined &&
      change.status !== FindingStatus.Open &&
      change.status !== FindingStatus.InRemediation
    ) {
      problems.push({
        path: 'input.status',
        message: 'must be OPEN or IN_REMEDIATION; use resolveFinding or acceptFindingRisk',
      });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid finding', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const finding = await this.lock(tx, id, change.expectedVersion);
      const before = auditView(finding);
      if (change.status && change.status !== finding.status) {
        assertFindingMove(finding.status, change.status, {
          riskAcceptance: finding.riskAcceptance,
          today: this.today(),
        });
        finding.status = change.status;
      }
      if (!isOpenFinding(finding.status)) {
        throw DomainException.conflict(`A finding that is ${finding.status} no longer changes`, {
          current: { status: finding.status, version: finding.version },
        });
      }
      if (change.ownerId) await this.checkMember(tx, change.ownerId);
      if (change.severity) finding.severity = change.severity;
      if (change.title) finding.title = change.title.trim();
      if (change.description !== undefined) finding.description = optionalText(change.description);
      if (change.ownerId !== undefined) finding.ownerId = change.ownerId;
      if (change.dueDate !== undefined) finding.dueDate = change.dueDate;
      const saved = await (await this.connection.repository(tx, Finding)).save(finding);
      await this.audit.record(tx, {
        action: 'finding.updated',
        entityType: 'finding',
        entityId: saved.id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  /**
   * OPEN or IN_REMEDIATION → RESOLVED, announced (`finding.resolved`); the note goes to the
   * audit trail.
   */
  async resolve(
    ctx: RequestContext,
    id: string,
    request: { readonly note?: string | null; readonly expectedVersion?: number | null },
  ): Promise<Finding> {
    const problems: FieldProblem[] = [];
    this.checkText(request.note, 'input.note', problems);
    if (problems.length > 0) throw DomainException.badUserInput('Invalid resolution', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const finding = await this.lock(tx, id, request.expectedVersion);
      const before = auditView(finding);
      assertFindingMove(finding.status, FindingStatus.Resolved, {
        riskAcceptance: finding.riskAcceptance,
        today: this.today(),
      });
      Object.assign(finding, { status: FindingStatus.Resolved, resolvedAt: this.clock.now() });
      const saved = await (await this.connection.repository(tx, Finding)).save(finding);
      await this.audit.record(tx, {
        action: 'finding.resolved',
        entityType: 'finding',
        entityId: saved.id,
        before,
        after: { ...auditView(saved), note: optionalText(request.note) },
      });
      await this.webhooks.emit(tx, {
        type: WebhookEventType.FindingResolved,
        objectType: 'Finding',
        objectId: saved.id,
        summary: webhookSummary(saved),
      });
      return saved;
    });
  }

  /** OPEN or IN_REMEDIATION → RISK_ACCEPTED, with a justification and an expiry after today. */
  async acceptRisk(
    ctx: RequestContext,
    id: string,
    request: RiskAcceptanceRequest,
  ): Promise<Finding> {
    const problems: FieldProblem[] = [];
    const justification = optionalText(request.justification);
    if (!justification) {
      problems.push({ path: 'input.justification', message: 'must say why the risk is accepted' });
    } else if (justification.length > MAX_TEXT) {
      problems.push({
        path: 'input.justification',
        message: `must be at most ${MAX_TEXT} characters`,
      });
    }
    if (!isDay(request.expiresOn)) {
      problems.push({ path: 'input.expiresOn', message: 'must be a date, YYYY-MM-DD' });
    } else if (request.expiresOn <= this.today()) {
      problems.push({ path: 'input.expiresOn', message: 'must be in the future' });
    }
    if (problems.length > 0)
      throw DomainException.badUserInput('Invalid risk acceptance', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const finding = await this.lock(tx, id, request.expectedVersion);
      const before = auditView(finding);
      assertFindingMove(finding.status, FindingStatus.RiskAccepted, {
        riskAcceptance: finding.riskAcceptance,
        today: this.today(),
      });
      Object.assign(finding, {
        status: FindingStatus.RiskAccepted,
        riskAcceptance: {
          justification: justification!,
          expiresOn: request.expiresOn,
          acceptedBy: actorId(ctx.actor),
          acceptedAt: this.clock.now().toISOString(),
        },
      });
      const saved = await (await this.connection.repository(tx, Finding)).save(finding);
      await this.audit.record(tx, {
        action: 'finding.risk_accepted',
        entityType: 'finding',
        entityId: saved.id,
        before,
        after: {
          ...auditView(saved),
          justification: justification!,
          expiresOn: request.expiresOn,
        },
      });
      return saved;
    });
  }

  /**
   * The vendor contact's remediation plan for an open finding of its own vendor; any other
   * finding is NOT_FOUND, exactly like one that does not exist. Replaces an earlier response.
   */
  async respond(ctx: RequestContext, id: string, request: VendorResponseRequest): Promise<Finding> {
    const actor = ctx.actor;
    if (actor.kind !== 'vendorContact') throw DomainException.notFound('Finding');
    const problems: FieldProblem[] = [];
    const plan = optionalText(request.plan);
    if (!plan) problems.push({ path: 'input.plan', message: 'must describe the remediation' });
    else if (plan.length > MAX_TEXT) {
      problems.push({ path: 'input.plan', message: `must be at most ${MAX_TEXT} characters` });
    }
    this.checkFutureDay(request.targetDate, 'input.targetDate', problems);
    const evidence = [...new Set(request.evidenceFileIds ?? [])];
    if (evidence.length > MAX_EVIDENCE) {
      problems.push({ path: 'input.evidenceFileIds', message: `at most ${MAX_EVIDENCE} files` });
    }
    if (problems.length > 0) throw DomainException.badUserInput('Invalid response', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const finding = await (
        await this.connection.repository(tx, Finding)
      ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!finding || finding.vendorId !== actor.vendorId)
        throw DomainException.notFound('Finding');
      if (!isOpenFinding(finding.status)) {
        throw DomainException.conflict(`The finding is ${finding.status}; it needs no response`, {
          current: { status: finding.status },
        });
      }
      if (evidence.length > 0) await this.files.markAttached(tx, evidence);
      finding.vendorResponse = {
        plan: plan!,
        targetDate: request.targetDate ?? null,
        evidenceFileIds: evidence,
        respondedAt: this.clock.now().toISOString(),
      };
      const saved = await (await this.connection.repository(tx, Finding)).save(finding);
      await this.audit.record(tx, {
        action: 'finding.vendor_responded',
        entityType: 'finding',
        entityId: saved.id,
        before: null,
        after: {
          targetDate: saved.vendorResponse!.targetDate,
          evidenceFileIds: [...evidence],
        },
      });
      return saved;
    });
  }

  async list(
    ctx: RequestContext,
    filter: FindingFilter,
    page: PageRequest,
  ): Promise<Page<Finding>> {
    const query = (await this.connection.repository(ctx, Finding)).createQueryBuilder('finding');
    if (filter.vendorId)
      query.andWhere('finding.vendor_id = :vendorId', { vendorId: filter.vendorId });
    if (filter.assessmentId) {
      query.andWhere('finding.assessment_id = :assessmentId', {
        assessmentId: filter.assessmentId,
      });
    }
    if (filter.statuses?.length)
      query.andWhere('finding.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.severities?.length) {
      query.andWhere('finding.severity IN (:...severities)', { severities: filter.severities });
    }
    if (filter.openOnly) query.andWhere('finding.status IN (:...open)', { open: OPEN_STATUSES });
    return paginate(query, page, {
      column: 'finding.created_at',
      property: 'createdAt',
      direction: 'DESC',
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Finding[]> {
    return this.connection.findByIds(ctx, Finding, ids);
  }

  async findById(ctx: RequestContext, id: string): Promise<Finding> {
    const [finding] = await this.findByIds(ctx, [id]);
    if (!finding) throw DomainException.notFound('Finding');
    return finding;
  }

  /** The findings raised in these assessments, oldest first. */
  async findingsOfAssessments(
    ctx: RequestContext,
    assessmentIds: readonly string[],
  ): Promise<Finding[]> {
    if (assessmentIds.length === 0) return [];
    return (await this.connection.repository(ctx, Finding))
      .createQueryBuilder('finding')
      .where('finding.assessment_id IN (:...assessmentIds)', { assessmentIds })
      .orderBy('finding.created_at', 'ASC')
      .addOrderBy('finding.id', 'ASC')
      .getMany();
  }

  /** The findings of these vendors (only the open ones with `openOnly`), oldest first. */
  async findingsOfVendors(
    ctx: RequestContext,
    vendorIds: readonly string[],
    openOnly = false,
  ): Promise<Finding[]> {
    if (vendorIds.length === 0) return [];
    const query = (await this.connection.repository(ctx, Finding))
      .createQueryBuilder('finding')
      .where('finding.vendor_id IN (:...vendorIds)', { vendorIds });
    if (openOnly) query.andWhere('finding.status IN (:...open)', { open: OPEN_STATUSES });
    return query.orderBy('finding.created_at', 'ASC').addOrderBy('finding.id', 'ASC').getMany();
  }

  /** How many open findings each vendor has (vendors without any are left out). */
  async openCountsByVendor(
    ctx: RequestContext,
    vendorIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (vendorIds.length === 0) return new Map();
    const rows = await (
      await this.connection.repository(ctx, Finding)
    )
      .createQueryBuilder('finding')
      .select('finding.vendor_id', 'vendorId')
      .addSelect('COUNT(*)::int', 'count')
      .where('finding.vendor_id IN (:...vendorIds)', { vendorIds })
      .andWhere('finding.status IN (:...open)', { open: OPEN_STATUSES })
      .groupBy('finding.vendor_id')
      .getRawMany<{ vendorId: string; count: number }>();
    return new Map(rows.map((row) => [row.vendorId, Number(row.count)]));
  }

  private async announceRaised(tx: RequestContext, finding: Finding): Promise<void> {
    await this.webhooks.emit(tx, {
      type: WebhookEventType.FindingRaised,
      objectType: 'Finding',
      objectId: finding.id,
      summary: webhookSummary(finding),
    });
  }

  private async lock(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | null | undefined,
  ): Promise<Finding> {
    const finding = await (
      await this.connection.repository(ctx, Finding)
    ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!finding) throw DomainException.notFound('Finding');
    if (typeof expectedVersion === 'number' && expectedVersion !== finding.version) {
      throw DomainException.conflict('The finding has changed since you read it; reload it', {
        current: { status: finding.status, version: finding.version },
        fields: [{ path: 'input.expectedVersion', message: 'is stale' }],
      });
    }
    return finding;
  }

  /** Owners are members of the organization: another organization's member is NOT_FOUND. */
  private async checkMember(ctx: RequestContext, membershipId: string): Promise<void> {
    const found = await (
      await this.connection.repository(ctx, Membership)
    )
      .createQueryBuilder('membership')
      .select('membership.id')
      .where('membership.id = :membershipId', { membershipId })
      .getOne();
    if (!found) throw DomainException.notFound('Member');
  }

  private checkSeverity(severity: string | null | undefined, problems: FieldProblem[]): void {
    if (!FINDING_SEVERITIES.includes(severity as FindingSeverity)) {
      problems.push({
        path: 'input.severity',
        message: `must be one of ${FINDING_SEVERITIES.join(', ')}`,
      });
    }
  }

  private checkTitle(title: string | null | undefined, problems: FieldProblem[]): void {
    const clean = title?.trim() ?? '';
    if (!clean) problems.push({ path: 'input.title', message: 'must not be empty' });
    else if (clean.length > MAX_TITLE) {
      problems.push({ path: 'input.title', message: `must be at most ${MAX_TITLE} characters` });
    }
  }

  private checkText(text: string | null | undefined, path: string, problems: FieldProblem[]) {
    if (text && text.length > MAX_TEXT) {
      problems.push({ path, message: `must be at most ${MAX_TEXT} characters` });
    }
  }

  private checkFutureDay(day: string | null | undefined, path: string, problems: FieldProblem[]) {
    if (day === null || day === undefined) return;
    if (!isDay(day)) problems.push({ path, message: 'must be a date, YYYY-MM-DD' });
    else if (day < this.today()) problems.push({ path, message: 'must not be in the past' });
  }
}
