import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AssessmentService, AssessmentStatus } from '#assessment';
import { AgreementService, AgreementStatus } from '#agreement';
import {
  AppConfig,
  Clock,
  JobName,
  JobRegistry,
  OnJob,
  QueueBackend,
  RequestContext,
  TransactionalConnection,
  jobId,
  newId,
  type JobPayloads,
} from '#core';
import { EmailService, type Locale } from '#notification';
import { DEFAULT_REMINDER_OFFSETS, ReassessmentPolicyService, type ReminderOffsets } from '#vendor';
import { WebhookEventType, WebhookService } from '#webhook';
import {
  agreementOccasion,
  assessmentOccasion,
  daysBetween,
  AGREEMENT_NOTICE_DAYS,
  FOLLOW_UP_NOTICE_DAYS,
  followUpOccasion,
} from './reminder-occasions.js';

/** Items per page when sweeping. */
const SWEEP_PAGE = 500;
/** Statuses in which the vendor still has to answer. */
const AWAITING_VENDOR = [
  AssessmentStatus.Sent,
  AssessmentStatus.InProgress,
  AssessmentStatus.ChangesRequested,
];

interface AssessmentRow {
  readonly id: string;
  readonly organization_id: string;
  readonly status: AssessmentStatus;
  readonly due_date: string;
  readonly language: string;
  readonly organization_name: string;
  readonly vendor_name: string;
  readonly questionnaire_name: string;
  readonly contact_name: string | null;
  readonly contact_email: string | null;
  readonly risk_owner_email: string | null;
  readonly revoked: boolean;
}

interface AgreementRow {
  readonly id: string;
  readonly organization_id: string;
  readonly status: AgreementStatus;
  readonly type: string;
  readonly title: string;
  readonly expiry_date: string;
  readonly organization_name: string;
  readonly vendor_name: string;
  readonly business_owner_email: string | null;
}

/** What each follow-up reads: whether it still holds, its day, names and who is told. */
const FOLLOW_UP_QUERIES = {
  'risk-acceptance': `SELECT f.id, f.organization_id, f.risk_acceptance->>'expiresOn' AS day,
          f.status = 'RISK_ACCEPTED' AS current, f.title AS subject_name, v.name AS vendor_name,
          o.name AS organization_name, coalesce(ou.email, ru.email) AS recipient
     FROM finding f JOIN vendor v ON v.id = f.vendor_id
     JOIN organization o ON o.id = f.organization_id
     LEFT JOIN membership om ON om.id = f.owner_id LEFT JOIN app_user ou ON ou.id = om.user_id
     LEFT JOIN membership rm ON rm.id = v.risk_owner_id LEFT JOIN app_user ru ON ru.id = rm.user_id
    WHERE f.id = $1`,
  exception: `SELECT a.id, a.organization_id, a.coverage_exception->>'expiresOn' AS day,
          a.status = 'COMPLETED' AS current, t.name AS subject_name, v.name AS vendor_name,
          o.name AS organization_name, coalesce(ru.email, su.email) AS recipient
     FROM assessment a JOIN vendor v ON v.id = a.vendor_id
     JOIN organization o ON o.id = a.organization_id
     JOIN template_version tv ON tv.id = a.template_version_id
     JOIN questionnaire_template t ON t.id = tv.template_id
     LEFT JOIN membership rm ON rm.id = v.risk_owner_id LEFT JOIN app_user ru ON ru.id = rm.user_id
     LEFT JOIN app_user su ON su.id::text = a.sent_by
    WHERE a.id = $1`,
  invitation: `SELECT a.id, a.organization_id,
          to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
          a.status = ANY($2) AND i.revoked_at IS NULL AND i.expires_at <= $3 AS current,
          t.name AS subject_name, v.name AS vendor_name, o.name AS organization_name,
          coalesce(su.email, ru.email) AS recipient
     FROM assessment a JOIN assessment_invitation i ON i.assessment_id = a.id
     JOIN vendor v ON v.id = a.vendor_id
     JOIN organization o ON o.id = a.organization_id
     JOIN template_version tv ON tv.id = a.template_version_id
     JOIN questionnaire_template t ON t.id = tv.template_id
     LEFT JOIN membership rm ON rm.id = v.risk_owner_id LEFT JOIN app_user ru ON ru.id = rm.user_id
     LEFT JOIN app_user su ON su.id::text = a.sent_by
    WHERE a.id = $1`,
} as const;

const FOLLOW_UP_KINDS = {
  'risk-acceptance': 'RISK_ACCEPTANCE',
  exception: 'COVERAGE_EXCEPTION',
  invitation: 'INVITATION',
} as const;

/** `YYYY-MM-DD`, `days` after `day`. */
const dayAfter = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const locale = (language: string): Locale => (language === 'zh-CN' ? 'zh-CN' : 'en');

/**
 * Reminders and notices on their offsets: before an assessment's due date (to the vendor
 * contact), after it (to the contact, then escalated to the vendor's risk owner), and before an
 * agreement expires (to the vendor's business owner), which becomes EXPIRED once its expiry
 * date has passed. An hourly sweep finds what is due in pages and queues one job per item and
 * occasion; the job records the occasion in the transaction that queues the emails, so each is
 * sent once however often the job runs.
 */
@Injectable()
export class ReminderService implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly backend: QueueBackend,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly webhooks: WebhookService,
    private readonly assessments: AssessmentService,
    private readonly agreements: AgreementService,
    private readonly policies: ReassessmentPolicyService,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'reminders-sweep',
      name: JobName.SweepReminders,
      cron: '7 * * * *',
    });
  }

  @OnJob(JobName.SweepReminders)
  async onSweep(): Promise<void> {
    await this.sweep();
  }

  @OnJob(JobName.SendReminder)
  async onSend(_ctx: RequestContext, data: JobPayloads[JobName.SendReminder]): Promise<void> {
    await this.send(data);
  }

  /** Queues one job per item whose occasion is due; returns how many were queued. */
  async sweep(): Promise<number> {
    const today = this.today();
    const ctx = RequestContext.system('reminder-sweep', newId());
    // Organizations with their own reminder offsets; the others use the defaults.
    const offsets = new Map(
      (
        (await this.connection.systemTransaction(ctx, async (tx) =>
          (await this.connection.manager(tx)).query(
            `SELECT organization_id, reminders FROM reassessment_policy WHERE reminders IS NOT NULL`,
          ),
        )) as Array<{ organization_id: string; reminders: ReminderOffsets }>
      ).map((row) => [row.organization_id, row.reminders]),
    );
    const furthest = Math.max(
      0,
      ...[DEFAULT_REMINDER_OFFSETS, ...offsets.values()].flatMap((o) => o.beforeDueDays),
    );
    const latestDue = dayAfter(today, furthest);
    const latestExpiry = dayAfter(today, Math.max(...AGREEMENT_NOTICE_DAYS));
    let queued = 0;
    queued += await this.page(
      ctx,
      `SELECT id, organization_id, to_char(due_date, 'YYYY-MM-DD') AS day FROM assessment
        WHERE status = ANY($1) AND due_date <= $2 AND id > $3 ORDER BY id LIMIT $4`,
      [AWAITING_VENDOR, latestDue],
      'assessment',
      (day, organizationId) =>
        assessmentOccasion(daysBetween(today, day), offsets.get(organizationId))?.key ?? null,
    );
    queued += await this.page(
      ctx,
      `SELECT id, organization_id, to_char(expiry_date, 'YYYY-MM-DD') AS day FROM agreement
        WHERE status = $1 AND expiry_date <= $2 AND id > $3 ORDER BY id LIMIT $4`,
      [AgreementStatus.Signed, latestExpiry],
      'agreement',
      (day) => agreementOccasion(daysBetween(today, day))?.key ?? null,
    );
    const followUp = (day: string) => {
      const occasion = followUpOccasion(daysBetween(today, day));
      return occasion ? `${day}.${occasion}` : null;
    };
    const lastNoticeDay = dayAfter(today, FOLLOW_UP_NOTICE_DAYS);
    queued += await this.page(
      ctx,
      `SELECT id, organization_id, risk_acceptance->>'expiresOn' AS day FROM finding
        WHERE status = 'RISK_ACCEPTED' AND risk_acceptance->>'expiresOn' <= $1
          AND id > $2 ORDER BY id LIMIT $3`,
      [lastNoticeDay],
      'risk-acceptance',
      followUp,
    );
    // Only the exception of a vendor's latest decision is in force.
    queued += await this.page(
      ctx,
      `SELECT a.id, a.organization_id, a.coverage_exception->>'expiresOn' AS day FROM assessment a
        WHERE a.status = 'COMPLETED' AND a.coverage_exception->>'expiresOn' <= $1
          AND NOT EXISTS (SELECT 1 FROM assessment b WHERE b.vendor_id = a.vendor_id
                            AND b.status = 'COMPLETED' AND b.completed_at > a.completed_at)
          AND a.id > $2 ORDER BY a.id LIMIT $3`,
      [lastNoticeDay],
      'exception',
      followUp,
    );
    queued += await this.page(
      ctx,
      `SELECT a.id, a.organization_id, to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
         FROM assessment a JOIN assessment_invitation i ON i.assessment_id = a.id
        WHERE a.status = ANY($1) AND i.revoked_at IS NULL AND i.expires_at <= $2
          AND a.id > $3 ORDER BY a.id LIMIT $4`,
      [AWAITING_VENDOR, this.clock.now()],
      'invitation',
      (day) => `${day}.passed`,
    );
    return queued;
  }

  private async page(
    ctx: RequestContext,
    query: string,
    parameters: unknown[],
    subject: JobPayloads[JobName.SendReminder]['subject'],
    occasionOf: (day: string, organizationId: string) => string | null,
  ): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let queued = 0;
    for (;;) {
      const rows = (await this.connection.systemTransaction(ctx, async (tx) =>
        (await this.connection.manager(tx)).query(query, [...parameters, after, SWEEP_PAGE]),
      )) as Array<{ id: string; organization_id: string; day: string }>;
      const jobs = rows.flatMap((row) => {
        const occasion = occasionOf(row.day, row.organization_id);
        return occasion
          ? [
              {
                name: JobName.SendReminder,
                data: { subject, id: row.id, organizationId: row.organization_id, occasion },
                jobId: jobId(JobName.SendReminder, `${subject}.${row.id}.${occasion}`),
              } as const,
            ]
          : [];
      });
      if (jobs.length > 0) await this.backend.add(jobs);
      queued += jobs.length;
      if (rows.length < SWEEP_PAGE) return queued;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Sends one occasion's emails, unless it was sent before or is no longer due. */
  async send(data: JobPayloads[JobName.SendReminder]): Promise<boolean> {
    const ctx = RequestContext.system('reminders', newId(), data.organizationId);
    return this.connection.transaction(ctx, async (tx) => {
      switch (data.subject) {
        case 'assessment':
          return this.remindAssessment(tx, data);
        case 'agreement':
          return this.noticeAgreement(tx, data);
        default:
          return this.followUp(tx, data);
      }
    });
  }

  private async remindAssessment(
    tx: RequestContext,
    data: JobPayloads[JobName.SendReminder],
  ): Promise<boolean> {
    const manager = await this.connection.manager(tx);
    const [row] = (await manager.query(
      `SELECT a.id, a.organization_id, a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
              a.language, o.name AS organization_name, v.name AS vendor_name,
              t.name AS questionnaire_name, c.name AS contact_name, c.email AS contact_email,
              u.email AS risk_owner_email, i.revoked_at IS NOT NULL AS revoked
         FROM assessment a
         JOIN assessment_invitation i ON i.assessment_id = a.id
         JOIN organization o ON o.id = a.organization_id
         JOIN vendor v ON v.id = a.vendor_id
         JOIN template_version tv ON tv.id = a.template_version_id
         JOIN questionnaire_template t ON t.id = tv.template_id
         LEFT JOIN vendor_contact c ON c.id = a.contact_id
         LEFT JOIN membership m ON m.id = v.risk_owner_id
         LEFT JOIN app_user u ON u.id = m.user_id
        WHERE a.id = $1 FOR UPDATE OF a`,
      [data.id],
    )) as AssessmentRow[];
    // A link procurement revoked is not brought back by a reminder.
    if (!row || !AWAITING_VENDOR.includes(row.status) || !row.contact_email || row.revoked) {
      return false;
    }
    const daysLeft = daysBetween(this.today(), row.due_date);
    const occasion = assessmentOccasion(daysLeft, (await this.policies.current(tx)).reminders);
    if (occasion?.key !== data.occasion) return false;
    if (!(await this.claim(tx, row.organization_id, `assessment:${row.id}:${occasion.key}`))) {
      return false;
    }
    // The stored invitation token is only a hash: the reminder carries a fresh link, and the
    // older one stops working, as when procurement resends the invitation.
    const token = await this.assessments.reissueInvitation(
      tx,
      await this.assessments.lock(tx, row.id),
      'reminder',
    );
    const common = {
      organizationName: row.organization_name,
      vendorName: row.vendor_name,
      questionnaireName: row.questionnaire_name,
      dueDate: row.due_date,
      publicUrl: this.config.publicUrl,
    };
    if (occasion.kind === 'due') {
      await this.emails.send(tx, {
        to: row.contact_email,
        template: 'assessment-reminder',
        locale: locale(row.language),
        organizationId: row.organization_id,
        params: { ...common, daysLeft },
        secretParams: { token },
      });
      return true;
    }
    await this.emails.send(tx, {
      to: row.contact_email,
      template: 'assessment-overdue',
      locale: locale(row.language),
      organizationId: row.organization_id,
      params: { ...common, daysOverdue: -daysLeft },
      secretParams: { token },
    });
    if (occasion.escalate && row.risk_owner_email) {
      await this.emails.send(tx, {
        to: row.risk_owner_email,
        template: 'assessment-overdue-escalation',
        locale: 'en',
        organizationId: row.organization_id,
        params: {
          ...common,
          daysOverdue: -daysLeft,
          contactName: row.contact_name ?? '',
          contactEmail: row.contact_email,
          assessmentId: row.id,
        },
      });
    }
    return true;
  }

  private async noticeAgreement(
    tx: RequestContext,
    data: JobPayloads[JobName.SendReminder],
  ): Promise<boolean> {
    const manager = await this.connection.manager(tx);
    const [row] = (await manager.query(
      `SELECT g.id, g.organization_id, g.status, g.type, g.title,
              to_char(g.expiry_date, 'YYYY-MM-DD') AS expiry_date,
              o.name AS organization_name, v.name AS vendor_name, u.email AS business_owner_email
         FROM agreement g
         JOIN organization o ON o.id = g.organization_id
         JOIN vendor v ON v.id = g.vendor_id
         LEFT JOIN membership m ON m.id = v.business_owner_id
         LEFT JOIN app_user u ON u.id = m.user_id
        WHERE g.id = $1`,
      [data.id],
    )) as AgreementRow[];
    if (!row || row.status !== AgreementStatus.Signed || !row.expiry_date) return false;
    const daysLeft = daysBetween(this.today(), row.expiry_date);
    const occasion = agreementOccasion(daysLeft);
    if (occasion?.key !== data.occasion) return false;
    if (!(await this.claim(tx, row.organization_id, `agreement:${row.id}:${occasion.key}`))) {
      return false;
    }
    const params = {
      organizationName: row.organization_name,
      vendorName: row.vendor_name,
      agreementType: row.type,
      agreementTitle: row.title,
      expiryDate: row.expiry_date,
      publicUrl: this.config.publicUrl,
      agreementId: row.id,
    };
    if (occasion.kind === 'expired') {
      // The transition emits agreement.expired and is audited like a person's.
      await this.agreements.transition(tx, row.id, {
        to: AgreementStatus.Expired,
        reason: 'its expiry date has passed',
      });
      if (row.business_owner_email) {
        await this.emails.send(tx, {
          to: row.business_owner_email,
          template: 'agreement-expired',
          locale: 'en',
          organizationId: row.organization_id,
          params,
        });
      }
      return true;
    }
    await this.webhooks.emit(tx, {
      type: WebhookEventType.AgreementExpiring,
      objectType: 'Agreement',
      objectId: row.id,
      summary: { agreementType: row.type, expiryDate: row.expiry_date, daysLeft },
    });
    if (row.business_owner_email) {
      await this.emails.send(tx, {
        to: row.business_owner_email,
        template: 'agreement-expiring',
        locale: 'en',
        organizationId: row.organization_id,
        params: { ...params, daysLeft },
      });
    }
    return true;
  }

  /**
   * An accepted risk or an approval exception about to run out (or run out), or an invitation
   * expired unanswered: to the finding's owner or the vendor's risk owner, else the member who
   * sent the assessment.
   */
  private async followUp(
    tx: RequestContext,
    data: JobPayloads[JobName.SendReminder],
  ): Promise<boolean> {
    const manager = await this.connection.manager(tx);
    const subject = data.subject as keyof typeof FOLLOW_UP_QUERIES;
    const [row] = (await manager.query(
      FOLLOW_UP_QUERIES[subject],
      subject === 'invitation' ? [data.id, AWAITING_VENDOR, this.clock.now()] : [data.id],
    )) as Array<{
      id: string;
      organization_id: string;
      day: string | null;
      current: boolean;
      subject_name: string;
      vendor_name: string;
      organization_name: string;
      recipient: string | null;
    }>;
    if (!row?.current || !row.day || !row.recipient) return false;
    const daysLeft = daysBetween(this.today(), row.day);
    const occasion = subject === 'invitation' ? 'passed' : followUpOccasion(daysLeft);
    if (!occasion || `${row.day}.${occasion}` !== data.occasion) return false;
    if (!(await this.claim(tx, row.organization_id, `${subject}:${row.id}:${data.occasion}`))) {
      return false;
    }
    await this.emails.send(tx, {
      to: row.recipient,
      template: 'follow-up-due',
      locale: 'en',
      organizationId: row.organization_id,
      params: {
        kind: FOLLOW_UP_KINDS[subject],
        organizationName: row.organization_name,
        vendorName: row.vendor_name,
        subjectName: row.subject_name,
        day: row.day,
        daysLeft,
        publicUrl: this.config.publicUrl,
        objectId: row.id,
      },
    });
    return true;
  }

  /** Records the occasion; false when it was recorded before (its emails are on their way). */
  private async claim(
    tx: RequestContext,
    organizationId: string,
    occasion: string,
  ): Promise<boolean> {
    const inserted = (await (
      await this.connection.manager(tx)
    ).query(
      `INSERT INTO notification_occasion (id, organization_id, occasion) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, occasion) DO NOTHING RETURNING id`,
      [newId(), organizationId, occasion],
    )) as unknown[];
    if (inserted.length === 0) this.logger.debug(`${occasion} was sent before`);
    return inserted.length > 0;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
