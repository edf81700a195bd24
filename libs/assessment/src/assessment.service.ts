import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService, type AuditValues } from '#audit';
import {
  AppConfig,
  Clock,
  columnsSelection,
  DomainException,
  TransactionalConnection,
  actorId,
  hashToken,
  optionalText,
  paginateKept,
  randomToken,
  readEntities,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { Organization } from '#identity';
import { EmailService, type Locale } from '#notification';
import {
  NOT_APPLICABLE,
  QuestionnaireService,
  TemplateVersionStatus,
  type AnswerState,
  type TemplateDefinition,
  type TemplateVersion,
} from '#questionnaire';
import { roundScore, scoreAssessment, type AssessmentScore } from '#scoring';
import {
  VendorContactService,
  VendorLifecycle,
  VendorService,
  type Vendor,
  type VendorContact,
  type VendorSummary,
  type VendorSummaryColumn,
} from '#vendor';
import { WebhookEventType, WebhookService, webhookGlobalId } from '#webhook';
import { AssessmentInvitation } from './assessment-invitation.entity.js';
import { AssessmentSectionScore } from './assessment-section-score.entity.js';
import {
  AssessmentCycle,
  AssessmentStatus,
  assertAssessmentMove,
  isOpenAssessment,
} from './assessment-status.js';
import { Assessment } from './assessment.entity.js';
import { Answer } from './answer.entity.js';
import { carryOverAnswers } from './carry-over.js';
import { OPEN_FINDING_STATUSES } from './finding-status.js';

/** How long after its due date an invitation still opens the assessment. */
export const INVITATION_GRACE_DAYS = 14;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface SendRequest {
  readonly vendorId: string;
  readonly templateVersionId: string;
  readonly contactId: string;
  /** `YYYY-MM-DD`, today or later. */
  readonly dueDate: string;
  /** One the version declares; the contact's language when it does, else the version's first. */
  readonly language?: string | null;
  readonly cycle?: AssessmentCycle | null;
}

/** What a page of assessments reads, in its one statement. */
export interface AssessmentListInclude {
  /**
   * Only these columns of each assessment, besides its id and vendor (and its creation time
   * when `cursors`): the entities are then partial. Every column but the score when absent.
   */
  readonly columns?: ReadonlyArray<keyof Assessment>;
  /** Whether the page's cursors are asked for, which need each row's creation time. */
  readonly cursors?: boolean;
  /** Each assessment's vendor as a summary with these of its columns (and its id). */
  readonly vendorSummary?: readonly VendorSummaryColumn[];
  /** The findings raised in each assessment that are still open. */
  readonly openFindingCount?: boolean;
}

/** One assessment of a page, with what the page was asked to include. */
export interface ListedAssessment {
  readonly assessment: Assessment;
  /** Set when the page included it, with the columns it was asked for. */
  readonly vendorSummary?: VendorSummary;
  /** Set when the page included it. */
  readonly openFindingCount?: number;
}

export interface AssessmentFilter {
  readonly vendorId?: string | null;
  readonly statuses?: readonly AssessmentStatus[] | null;
  /** Open and past the due date. */
  readonly overdue?: boolean | null;
  /** The vendor's inherent tier in force now. */
  readonly tiers?: readonly string[] | null;
  readonly residualRatings?: readonly string[] | null;
  /** `YYYY-MM-DD`, inclusive. */
  readonly dueOnOrAfter?: string | null;
  readonly dueOnOrBefore?: string | null;
  /** The reviewer's membership id. */
  readonly reviewerMemberId?: string | null;
  readonly templateVersionId?: string | null;
}

const auditView = (assessment: Assessment): AuditValues => ({
  vendorId: assessment.vendorId,
  templateVersionId: assessment.templateVersionId,
  contactId: assessment.contactId,
  cycle: assessment.cycle,
  status: assessment.status,
  language: assessment.language,
  dueDate: assessment.dueDate,
  overallScore: assessment.overallScore,
});

/** The answers of an assessment as scoring and conditions read them. */
export function answerStates(answers: readonly Answer[]): Record<string, AnswerState> {
  const states: Record<string, AnswerState> = Object.create(null) as Record<string, AnswerState>;
  for (const answer of answers) {
    states[answer.questionKey] = answer.notApplicable
      ? NOT_APPLICABLE
      : (answer.value ?? undefined);
  }
  return states;
}

/** The organization's side of assessments: sending, invitations, cancelling, reading, previews. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly vendors: VendorService,
    private readonly contacts: VendorContactService,
    private readonly questionnaires: QuestionnaireService,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly webhooks: WebhookService,
  ) {}

  /** Today, `YYYY-MM-DD`, as the application clock sees it (UTC). */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** Creates an assessment pinned to a published version and emails its invitation link. */
  async send(ctx: RequestContext, request: SendRequest): Promise<Assessment> {
    if (!DAY.test(request.dueDate) || Number.isNaN(Date.parse(`${request.dueDate}T00:00:00Z`))) {
      throw DomainException.badUserInput('Invalid due date', [
        { path: 'input.dueDate', message: 'must be a date, YYYY-MM-DD' },
      ]);
    }
    if (request.dueDate < this.today()) {
      throw DomainException.badUserInput('Invalid due date', [
        { path: 'input.dueDate', message: 'must not be in the past' },
      ]);
    }
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.vendors.findById(tx, request.vendorId);
      if (vendor.lifecycle === VendorLifecycle.Offboarded) {
        throw DomainException.conflict('The vendor is offboarded; it is not assessed any more');
      }
      const [contact] = await this.contacts.findByIds(tx, [request.contactId]);
      if (!contact || contact.vendorId !== vendor.id)
        throw DomainException.notFound('Vendor contact');
      const version = await this.questionnaires.findVersion(tx, request.templateVersionId);
      if (version.status !== TemplateVersionStatus.Published) {
        throw DomainException.conflict(
          `Only a published version can be sent; this one is ${version.status}`,
          { current: { status: version.status } },
        );
      }
      const language = this.languageFor(version, request.language, contact.language);
      const assessments = await this.connection.repository(tx, Assessment);
      const assessment = assessments.create({
        organizationId: vendor.organizationId,
        vendorId: vendor.id,
        templateVersionId: version.id,
        contactId: contact.id,
        cycle: request.cycle ?? AssessmentCycle.Initial,
        status: AssessmentStatus.Sent,
        language,
        dueDate: request.dueDate,
        sentBy: actorId(ctx.actor),
        sentAt: this.clock.now(),
        submittedAt: null,
        cancelledAt: null,
        cancelReason: null,
        score: null,
        overallScore: null,
      });
      await assessments.insert(assessment);
      const token = randomToken(32);
      const invitations = await this.connection.repository(tx, AssessmentInvitation);
      const invitation = invitations.create({
        organizationId: assessment.organizationId,
        assessmentId: assessment.id,
        tokenHash: hashToken(token),
        expiresAt: this.invitationExpiry(assessment.dueDate),
        revokedAt: null,
        sendCount: 1,
        lastSentAt: this.clock.now(),
        exchangeCount: 0,
        lastExchangedAt: null,
      });
      await invitations.insert(invitation);
      await this.emailInvitation(tx, assessment, vendor, version, contact.email, token);
      await this.audit.record(tx, {
        action: 'assessment.sent',
        entityType: 'assessment',
        entityId: assessment.id,
        before: null,
        after: auditView(assessment),
      });
      await this.webhooks.emit(tx, {
        type: WebhookEventType.AssessmentSent,
        objectType: 'Assessment',
        objectId: assessment.id,
        summary: {
          vendorId: webhookGlobalId('Vendor', vendor.id),
          vendorName: vendor.name,
          cycle: assessment.cycle,
          dueDate: assessment.dueDate,
        },
      });
      await carryOverAnswers(
        this.connection,
        this.audit,
        tx,
        assessment,
        version.definition,
        this.clock.now(),
      );
      return assessment;
    });
  }

  /** Sends the invitation again with a new token; the old link stops working. */
  async resendInvitation(ctx: RequestContext, assessmentId: string): Promise<Assessment> {
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.lock(tx, assessmentId);
      this.assertInvitable(assessment);
      const contact = await this.contactOf(tx, assessment);
      if (!contact)
        throw DomainException.conflict('The invited contact was removed; send a new assessment');
      const token = await this.reissueInvitation(tx, assessment, 'resent');
      const vendor = await this.vendors.findById(tx, assessment.vendorId);
      const version = await this.questionnaires.findVersion(tx, assessment.templateVersionId);
      await this.emailInvitation(tx, assessment, vendor, version, contact.email, token);
      return assessment;
    });
  }

  /**
   * Issues a new invitation token for the (locked) assessment and returns it for the email that
   * carries it: the previous link stops working, the link works until 14 days after the due
   * date again (even if it was revoked), and the send is counted and audited. Only the token's
   * hash is stored, so every email with a working link needs a new token from here.
   */
  async reissueInvitation(
    tx: RequestContext,
    assessment: Assessment,
    reason: 'resent' | 'changes_requested' | 'reminder',
  ): Promise<string> {
    const invitation = await this.invitationOf(tx, assessment.id);
    const token = randomToken(32);
    Object.assign(invitation, {
      tokenHash: hashToken(token),
      expiresAt: this.invitationExpiry(assessment.dueDate),
      revokedAt: null,
      sendCount: invitation.sendCount + 1,
      lastSentAt: this.clock.now(),
    });
    await (await this.connection.repository(tx, AssessmentInvitation)).save(invitation);
    await this.audit.record(tx, {
      action: 'assessment.invitation_resent',
      entityType: 'assessment',
      entityId: assessment.id,
      before: null,
      after: {
        sendCount: invitation.sendCount,
        expiresAt: invitation.expiresAt.toISOString(),
        reason,
      },
    });
    return token;
  }

  /** The contact the assessment was sent to; null once that contact was removed. */
  async contactOf(ctx: RequestContext, assessment: Assessment): Promise<VendorContact | null> {
    if (!assessment.contactId) return null;
    const [contact] = await this.contacts.findByIds(ctx, [assessment.contactId]);
    return contact ?? null;
  }

  /** Stops the invitation link from working; resending issues a new one. */
  async revokeInvitation(ctx: RequestContext, assessmentId: string): Promise<Assessment> {
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.lock(tx, assessmentId);
      const invitation = await this.invitationOf(tx, assessment.id);
      if (!invitation.revokedAt) {
        invitation.revokedAt = this.clock.now();
        await (await this.connection.repository(tx, AssessmentInvitation)).save(invitation);
        await this.audit.record(tx, {
          action: 'assessment.invitation_revoked',
          entityType: 'assessment',
          entityId: assessment.id,
          before: null,
          after: { revokedAt: invitation.revokedAt.toISOString() },
        });
      }
      return assessment;
    });
  }

  /** Cancels an open assessment and revokes its invitation. */
  async cancel(
    ctx: RequestContext,
    assessmentId: string,
    reason?: string | null,
  ): Promise<Assessment> {
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.lock(tx, assessmentId);
      assertAssessmentMove(assessment.status, AssessmentStatus.Cancelled);
      const before = auditView(assessment);
      Object.assign(assessment, {
        status: AssessmentStatus.Cancelled,
        cancelledAt: this.clock.now(),
        cancelReason: optionalText(reason),
      });
      const saved = await (await this.connection.repository(tx, Assessment)).save(assessment);
      await (
        await this.connection.repository(tx, AssessmentInvitation)
      ).update(
        { assessmentId: assessment.id, revokedAt: IsNull() },
        { revokedAt: this.clock.now() },
      );
      await this.audit.record(tx, {
        action: 'assessment.cancelled',
        entityType: 'assessment',
        entityId: assessment.id,
        before,
        after: { ...auditView(saved), reason: saved.cancelReason },
      });
      return saved;
    });
  }

  /** The score the current answers would get; nothing is stored. */
  async scorePreview(ctx: RequestContext, assessmentId: string): Promise<AssessmentScore> {
    const assessment = await this.findById(ctx, assessmentId);
    const definition = await this.questionnaires.definitionOf(ctx, assessment.templateVersionId);
    return scoreAssessment(definition, answerStates(await this.answersOf(ctx, [assessment.id])));
  }

  /**
   * A page of assessments. Their `score` is left out (undefined): it runs to kilobytes per
   * assessment, and a list seldom shows it; scoresOf() reads it for those that do.
   */
  async list(
    ctx: RequestContext,
    filter: AssessmentFilter,
    page: PageRequest,
    include: AssessmentListInclude = {},
  ): Promise<Page<ListedAssessment>> {
    const repository = await this.connection.repository(ctx, Assessment);
    const { conditions, parameters } = this.listConditions(filter);
    if (include.openFindingCount) parameters.openFindingStatuses = OPEN_FINDING_STATUSES;
    const columns = include.columns && [
      'id',
      'vendorId',
      ...(include.cursors ? (['createdAt'] as const) : []),
      ...include.columns,
    ];
    const build = () => {
      const query = repository.createQueryBuilder('assessment');
      const wanted = columns && new Set<string>(columns);
      query.select(
        columnsSelection(query, (property) =>
          wanted ? wanted.has(property) : property !== 'score',
        ),
      );
      if (include.vendorSummary) {
        query
          .innerJoin('assessment.vendor', 'listed_vendor')
          .addSelect(
            [...new Set(['id', ...include.vendorSummary])].map(
              (column) => `listed_vendor.${column}`,
            ),
          );
      }
      if (include.openFindingCount) {
        query.addSelect(
          `(SELECT COUNT(*)::int FROM finding WHERE finding.assessment_id = assessment.id
            AND finding.status = ANY(:openFindingStatuses))`,
          'open_finding_count',
        );
      }
      for (const condition of conditions) query.andWhere(condition);
      return query.setParameters(parameters);
    };
    const result = await paginateKept(
      {
        runner: repository.queryRunner!,
        key: [
          `columns ${columns?.join(',') ?? '*'}`,
          `vendor ${include.vendorSummary?.join(',') ?? '-'}`,
          `findings ${include.openFindingCount ? 'open' : '-'}`,
          ...conditions,
        ].join('\n'),
        parameters,
        build,
      },
      page,
      { column: 'assessment.created_at', property: 'createdAt', direction: 'DESC' },
    );
    const nodes = result.nodes.map((assessment, index): ListedAssessment => ({
      assessment,
      vendorSummary: include.vendorSummary ? assessment.vendor : undefined,
      openFindingCount: include.openFindingCount
        ? (result.raw[index]!.open_finding_count as number)
        : undefined,
    }));
    return { ...result, nodes };
  }

  /**
   * The conditions of a filtered list and their parameters: vendor, statuses, overdue and the
   * reviewer's filters (tier, rating, due dates, reviewer, version).
   */
  private listConditions(filter: AssessmentFilter): {
    conditions: string[];
    parameters: Record<string, unknown>;
  } {
    for (const field of ['dueOnOrAfter', 'dueOnOrBefore'] as const) {
      const day = filter[field];
      if (day && (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) {
        throw DomainException.badUserInput('Invalid due date', [
          { path: `filter.${field}`, message: 'must be a date, YYYY-MM-DD' },
        ]);
      }
    }
    const conditions: string[] = [];
    const parameters: Record<string, unknown> = {};
    const where = (condition: string, values: Record<string, unknown>) => {
      conditions.push(condition);
      Object.assign(parameters, values);
    };
    if (filter.vendorId) where('assessment.vendor_id = :vendorId', { vendorId: filter.vendorId });
    if (filter.statuses?.length)
      where('assessment.status IN (:...statuses)', { statuses: filter.statuses });
    if (typeof filter.overdue === 'boolean') {
      const open = Object.values(AssessmentStatus).filter(isOpenAssessment);
      const overdue = `(assessment.status IN (:...open) AND assessment.due_date < :today)`;
      where(filter.overdue ? overdue : `NOT ${overdue}`, { open, today: this.today() });
    }
    if (filter.tiers?.length) {
      where(
        'assessment.vendor_id IN (SELECT vendor.id FROM vendor WHERE vendor.tier IN (:...tiers))',
        { tiers: filter.tiers },
      );
    }
    if (filter.residualRatings?.length) {
      where('assessment.residual_rating IN (:...residualRatings)', {
        residualRatings: filter.residualRatings,
      });
    }
    if (filter.dueOnOrAfter)
      where('assessment.due_date >= :dueOnOrAfter', { dueOnOrAfter: filter.dueOnOrAfter });
    if (filter.dueOnOrBefore)
      where('assessment.due_date <= :dueOnOrBefore', { dueOnOrBefore: filter.dueOnOrBefore });
    if (filter.reviewerMemberId) {
      // The reviewer is stored as a user id; the API names members.
      where(
        'assessment.reviewer_id IN (SELECT membership.user_id FROM membership WHERE membership.id = :reviewerMemberId)',
        { reviewerMemberId: filter.reviewerMemberId },
      );
    }
    if (filter.templateVersionId) {
      where('assessment.template_version_id = :templateVersionId', {
        templateVersionId: filter.templateVersionId,
      });
    }
    return { conditions, parameters };
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Assessment[]> {
    return this.connection.findByIds(ctx, Assessment, ids);
  }

  /** The stored scores of these assessments (null before submission), by assessment id. */
  async scoresOf(
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<Map<string, Assessment['score']>> {
    if (ids.length === 0) return new Map();
    const rows = await (
      await this.connection.repository(ctx, Assessment)
    )
      .createQueryBuilder('assessment')
      .select(['assessment.id', 'assessment.score'])
      .where('assessment.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((row) => [row.id, row.score]));
  }

  async findById(ctx: RequestContext, id: string): Promise<Assessment> {
    const [assessment] = await this.findByIds(ctx, [id]);
    if (!assessment) throw DomainException.notFound('Assessment');
    return assessment;
  }

  async answersOf(ctx: RequestContext, assessmentIds: readonly string[]): Promise<Answer[]> {
    if (assessmentIds.length === 0) return [];
    return (await this.connection.repository(ctx, Answer))
      .createQueryBuilder('answer')
      .where('answer.assessment_id IN (:...assessmentIds)', { assessmentIds })
      .orderBy('answer.assessment_id')
      .addOrderBy('answer.question_key')
      .getMany();
  }

  async invitationsOf(
    ctx: RequestContext,
    assessmentIds: readonly string[],
  ): Promise<AssessmentInvitation[]> {
    if (assessmentIds.length === 0) return [];
    return (await this.connection.repository(ctx, AssessmentInvitation))
      .createQueryBuilder('invitation')
      .where('invitation.assessment_id IN (:...assessmentIds)', { assessmentIds })
      .getMany();
  }

  /**
   * Copies each section's score out of a fixed score into `assessment_section_score`, replacing
   * what an earlier submission of the same assessment left there.
   */
  async recordSectionScores(
    ctx: RequestContext,
    assessment: Assessment,
    definition: TemplateDefinition,
    score: AssessmentScore,
  ): Promise<void> {
    const repository = await this.connection.repository(ctx, AssessmentSectionScore);
    await repository.delete({ assessmentId: assessment.id });
    const titles = new Map(definition.sections.map((section) => [section.key, section.title]));
    if (score.sections.length === 0) return;
    await repository.insert(
      score.sections.map((section) => ({
        assessmentId: assessment.id,
        sectionKey: section.key,
        organizationId: assessment.organizationId,
        vendorId: assessment.vendorId,
        title: titles.get(section.key) ?? { en: section.key },
        weight: String(section.weight),
        score: section.score === null ? null : roundScore(section.score).toFixed(2),
      })),
    );
  }

  /**
   * Makes `assessment`'s section scores the vendor's latest ones (`vendor_section_score`), as
   * completing it makes it the assessment the vendor's rating comes from.
   */
  async recordLatestSectionScores(ctx: RequestContext, assessment: Assessment): Promise<void> {
    const manager = await this.connection.manager(ctx);
    await manager.query(`DELETE FROM vendor_section_score WHERE vendor_id = $1`, [
      assessment.vendorId,
    ]);
    await manager.query(
      `INSERT INTO vendor_section_score
         (vendor_id, section_key, organization_id, assessment_id, title, score)
       SELECT vendor_id, section_key, organization_id, assessment_id, title, score
         FROM assessment_section_score
        WHERE assessment_id = $1`,
      [assessment.id],
    );
  }

  /** Whether an assessment is open and past its due date. */
  isOverdue(assessment: Assessment): boolean {
    return isOpenAssessment(assessment.status) && assessment.dueDate < this.today();
  }

  /** The assessment, its row locked until the transaction ends; NOT_FOUND when there is none. */
  async lock(ctx: RequestContext, id: string): Promise<Assessment> {
    const [assessment] = await readEntities(
      (await this.connection.repository(ctx, Assessment))
        .createQueryBuilder('assessment')
        .where('assessment.id = :id', { id })
        .setLock('pessimistic_write'),
    );
    if (!assessment) throw DomainException.notFound('Assessment');
    return assessment;
  }

  private assertInvitable(assessment: Assessment): void {
    if (
      !isOpenAssessment(assessment.status) ||
      assessment.status === AssessmentStatus.Submitted ||
      assessment.status === AssessmentStatus.InReview
    ) {
      throw DomainException.conflict(
        `An assessment that is ${assessment.status} waits for no answers; its invitation is not sent`,
        { current: { status: assessment.status } },
      );
    }
  }

  private async invitationOf(
    ctx: RequestContext,
    assessmentId: string,
  ): Promise<AssessmentInvitation> {
    const invitation = await (
      await this.connection.repository(ctx, AssessmentInvitation)
    ).findOne({
      where: { assessmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invitation) throw DomainException.notFound('Invitation');
    return invitation;
  }

  private invitationExpiry(dueDate: string): Date {
    return new Date(Date.parse(`${dueDate}T00:00:00Z`) + (1 + INVITATION_GRACE_DAYS) * DAY_MS);
  }

  private languageFor(
    version: TemplateVersion,
    requested: string | null | undefined,
    contactLanguage: string,
  ): string {
    const declared = version.definition.languages;
    if (requested) {
      if (!declared.includes(requested)) {
        throw DomainException.badUserInput('Invalid language', [
          { path: 'input.language', message: `the questionnaire is in ${declared.join(', ')}` },
        ]);
      }
      return requested;
    }
    return declared.includes(contactLanguage) ? contactLanguage : declared[0]!;
  }

  private async emailInvitation(
    ctx: RequestContext,
    assessment: Assessment,
    vendor: Vendor,
    version: TemplateVersion,
    to: string,
    token: string,
  ): Promise<void> {
    const organization = await (
      await this.connection.repository(ctx, Organization)
    ).findOneByOrFail({
      id: assessment.organizationId,
    });
    const template = await this.questionnaires.findTemplate(ctx, version.templateId);
    await this.emails.send(ctx, {
      to,
      template: 'assessment-invitation',
      locale: (assessment.language === 'zh-CN' ? 'zh-CN' : 'en') satisfies Locale,
      organizationId: assessment.organizationId,
      params: {
        organizationName: organization.name,
        vendorName: vendor.name,
        questionnaireName: template.name,
        dueDate: assessment.dueDate,
        publicUrl: this.config.publicUrl,
      },
      secretParams: { token },
    });
  }
}
