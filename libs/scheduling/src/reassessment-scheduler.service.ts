import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import {
  Assessment,
  AssessmentCycle,
  AssessmentService,
  AssessmentStatus,
  isOpenAssessment,
} from '#assessment';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  JobName,
  JobRegistry,
  OnJob,
  QueueBackend,
  QueueName,
  REQUIRE_EVERY_JOB_HANDLER,
  RequestContext,
  TransactionalConnection,
  jobId,
  newId,
  type JobPayloads,
  type JobRequest,
} from '#core';
import { QuestionnaireService, TemplateVersionStatus } from '#questionnaire';
import {
  ReassessmentMode,
  ReassessmentPolicyService,
  VendorContactService,
  VendorLifecycle,
  type RiskTier,
} from '#vendor';
import { WebhookEventType, WebhookService } from '#webhook';

const DAY_MS = 86_400_000;
/** How early a start job may run against the clock (the queue's clock and ours may differ). */
const EARLY_TOLERANCE_MS = 3_600_000;
/** Vendors per page when sweeping due ones. */
const SWEEP_PAGE = 500;
const OPEN_STATUSES = Object.values(AssessmentStatus).filter(isOpenAssessment);

interface ScheduleRow {
  readonly id: string;
  readonly organization_id: string;
  readonly lifecycle: VendorLifecycle;
  readonly next_assessment_due_at: Date | null;
  readonly reassessment_scheduled_for: Date | null;
  readonly reassessment_started_for: Date | null;
}

/** What happened when a reassessment fell due. */
export type ReassessmentOutcome = 'SENT' | 'PROPOSED' | 'ALREADY_OPEN';

/** The id of the job that starts a vendor's reassessment due at `due`: one per vendor and date. */
export function reassessmentJobId(vendorId: string, due: Date): string {
  return jobId(JobName.StartReassessment, `${vendorId}.${due.toISOString()}`);
}

/** Which due date should have a job in the queue: the next one, unless it has started. */
function wantedDue(row: ScheduleRow | undefined): Date | null {
  if (!row || row.lifecycle === VendorLifecycle.Offboarded || !row.next_assessment_due_at) {
    return null;
  }
  const due = row.next_assessment_due_at;
  return row.reassessment_started_for?.getTime() === due.getTime() ? null : due;
}

/**
 * Keeps the queue in step with PostgreSQL, where every vendor's next due date lives: one
 * delayed job per vendor due, with an id from vendor and date. Every change of a due date
 * queues (through the outbox) a `reassessment.schedule` job that converges the queue on the
 * vendor's current state; a reconciler (hourly and at worker start) does the same for every
 * vendor, so a flushed or replaced Redis loses nothing; a sweep (every 15 minutes) starts what
 * is due even if its delayed job went missing. Convergence holds a per-vendor advisory lock,
 * so concurrent requests and workers leave exactly one job.
 */
@Injectable()
export class ReassessmentScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Reassessment');

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly backend: QueueBackend,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly assessments: AssessmentService,
    private readonly questionnaires: QuestionnaireService,
    private readonly contacts: VendorContactService,
    private readonly policies: ReassessmentPolicyService,
    private readonly webhooks: WebhookService,
    @Inject(REQUIRE_EVERY_JOB_HANDLER) private readonly consuming: boolean,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'reassessment-reconcile',
      name: JobName.ReconcileReassessments,
      cron: '23 * * * *',
    });
    this.registry.addSchedule({
      id: 'reassessment-sweep',
      name: JobName.SweepDueReassessments,
      everyMs: 15 * 60_000,
    });
  }

  /** A worker that starts reconciles at once: Redis may have been flushed while it was down. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.consuming) return;
    await this.backend.add([
      {
        name: JobName.ReconcileReassessments,
        data: {},
        jobId: jobId(JobName.ReconcileReassessments, `start.${newId()}`),
      },
    ]);
  }

  @OnJob(JobName.ScheduleReassessment)
  async schedule(
    _ctx: RequestContext,
    data: JobPayloads[JobName.ScheduleReassessment],
  ): Promise<void> {
    await this.converge(data.vendorId);
  }

  @OnJob(JobName.ReconcileReassessments)
  async onReconcile(): Promise<void> {
    await this.reconcile();
  }

  @OnJob(JobName.SweepDueReassessments)
  async onSweep(): Promise<void> {
    await this.sweep();
  }

  @OnJob(JobName.StartReassessment)
  async onStart(_ctx: RequestContext, data: JobPayloads[JobName.StartReassessment]): Promise<void> {
    await this.start(data);
  }

  /**
   * Compares every vendor's due date (or one organization's) with the queue and converges those
   * that differ; reports how many wanted jobs were missing and how many unwanted ones were found.
   */
  async reconcile(
    organizationId: string | null = null,
  ): Promise<{ added: number; removed: number }> {
    const ctx = RequestContext.system('reassessment-reconciler', newId());
    const [rows, vendorIds] = await this.connection.systemTransaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      return [
        (await manager.query(
          `SELECT id, organization_id, lifecycle, next_assessment_due_at,
                  reassessment_scheduled_for, reassessment_started_for
             FROM vendor
            WHERE ((next_assessment_due_at IS NOT NULL AND lifecycle <> 'OFFBOARDED')
                   OR reassessment_scheduled_for IS NOT NULL)
              AND ($1::uuid IS NULL OR organization_id = $1)`,
          [organizationId],
        )) as ScheduleRow[],
        // For one organization, the jobs of other organizations' vendors are not its to remove.
        organizationId
          ? new Set(
              (
                (await manager.query(`SELECT id FROM vendor WHERE organization_id = $1`, [
                  organizationId,
                ])) as Array<{ id: string }>
              ).map((row) => row.id),
            )
          : null,
      ] as const;
    });
    const wanted = new Map<string, string>();
    const recorded = new Map<string, string | null>();
    for (const row of rows) {
      const due = wantedDue(row);
      if (due) wanted.set(reassessmentJobId(row.id, due), row.id);
      recorded.set(
        row.id,
        row.reassessment_scheduled_for
          ? reassessmentJobId(row.id, row.reassessment_scheduled_for)
          : null,
      );
    }
    const pending = new Set(
      await this.backend.pendingJobIds(QueueName.Scheduling, JobName.StartReassessment),
    );
    const prefix = jobId(JobName.StartReassessment, '');
    const extra = new Map<string, string[]>();
    for (const id of pending) {
      if (wanted.has(id)) continue;
      const vendorId = id.slice(prefix.length, prefix.length + 36);
      if (vendorIds && !vendorIds.has(vendorId)) continue;
      extra.set(vendorId, [...(extra.get(vendorId) ?? []), id]);
    }
    const touched = new Set<string>(extra.keys());
    for (const [id, vendorId] of wanted) {
      if (!pending.has(id) || recorded.get(vendorId) !== id) touched.add(vendorId);
    }
    for (const row of rows) {
      if (!wantedDue(row) && recorded.get(row.id)) touched.add(row.id);
    }
    for (const vendorId of touched) {
      await this.converge(vendorId, { alsoRemove: extra.get(vendorId) ?? [] });
    }
    const added = [...wanted.keys()].filter((id) => !pending.has(id)).length;
    const removed = [...extra.values()].reduce((sum, ids) => sum + ids.length, 0);
    if (added + removed > 0) {
      this.logger.log(`Reconciled reassessment jobs: ${added} added, ${removed} removed`);
    }
    return { added, removed };
  }

  /** Starts the reassessments that are due now, whatever became of their delayed jobs. */
  async sweep(): Promise<number> {
    const ctx = RequestContext.system('reassessment-sweep', newId());
    const now = this.clock.now();
    let after = '00000000-0000-0000-0000-000000000000';
    let started = 0;
    for (;;) {
      const page = (await this.connection.systemTransaction(ctx, async (tx) =>
        (await this.connection.manager(tx)).query(
          `SELECT id FROM vendor
            WHERE next_assessment_due_at <= $1 AND lifecycle <> 'OFFBOARDED'
              AND reassessment_started_for IS DISTINCT FROM next_assessment_due_at
              AND id > $2
            ORDER BY id LIMIT $3`,
          [now, after, SWEEP_PAGE],
        ),
      )) as Array<{ id: string }>;
      for (const { id } of page) {
        await this.converge(id, { runNow: true });
        started += 1;
      }
      if (page.length < SWEEP_PAGE) return started;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * Makes the queue hold exactly the job the vendor's state wants: removes the one recorded
   * (and `alsoRemove`) when it is not the wanted one, adds the wanted one (run now with
   * `runNow`), and records it. Serialized per vendor by an advisory lock.
   */
  async converge(
    vendorId: string,
    options: { alsoRemove?: readonly string[]; runNow?: boolean } = {},
  ): Promise<void> {
    const ctx = RequestContext.system('reassessment-scheduler', newId());
    return this.connection.systemTransaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `reassessment:${vendorId}`,
      ]);
      const [row] = (await manager.query(
        `SELECT id, organization_id, lifecycle, next_assessment_due_at, reassessment_scheduled_for,
                reassessment_started_for
           FROM vendor WHERE id = $1`,
        [vendorId],
      )) as ScheduleRow[];
      const due = wantedDue(row);
      const wantedId = due ? reassessmentJobId(vendorId, due) : null;
      const stale = new Set(options.alsoRemove ?? []);
      if (row?.reassessment_scheduled_for) {
        stale.add(reassessmentJobId(vendorId, row.reassessment_scheduled_for));
      }
      if (wantedId) stale.delete(wantedId);
      if (stale.size > 0) await this.backend.removeJobs(QueueName.Scheduling, [...stale]);
      if (row && due && wantedId) {
        const promoted = options.runNow
          ? await this.backend.promote(QueueName.Scheduling, wantedId)
          : false;
        if (!promoted) {
          const delayMs = options.runNow
            ? 0
            : Math.max(0, due.getTime() - this.clock.now().getTime());
          await this.backend.add([
            {
              name: JobName.StartReassessment,
              data: { vendorId, organizationId: row.organization_id, dueAt: due.toISOString() },
              jobId: wantedId,
              delayMs,
            } satisfies JobRequest,
          ]);
        }
      }
      if (row) {
        await manager.query(`UPDATE vendor SET reassessment_scheduled_for = $2 WHERE id = $1`, [
          vendorId,
          due,
        ]);
      }
    });
  }

  /**
   * A vendor's reassessment has fallen due: sends the PERIODIC assessment to its primary
   * contact (carrying over the last cycle's answers) or, when the policy only proposes or
   * nothing can be sent, leaves the vendor marked as due. Runs once per vendor and date: the
   * vendor's row lock and `reassessment_started_for` make a second delivery change nothing.
   */
  async start(data: JobPayloads[JobName.StartReassessment]): Promise<ReassessmentOutcome | null> {
    const ctx = RequestContext.system('reassessment', newId(), data.organizationId);
    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      const [row] = (await manager.query(
        `SELECT id, organization_id, lifecycle, tier, next_assessment_due_at,
                reassessment_scheduled_for, reassessment_started_for, reassessment_trigger
           FROM vendor WHERE id = $1 FOR UPDATE`,
        [data.vendorId],
      )) as Array<ScheduleRow & { tier: RiskTier; reassessment_trigger: string | null }>;
      const due = wantedDue(row);
      if (!row || !due || due.toISOString() !== data.dueAt) return null;
      if (due.getTime() > this.clock.now().getTime() + EARLY_TOLERANCE_MS) {
        this.logger.warn(
          `A reassessment job ran before its due date ${data.dueAt}; left for later`,
        );
        return null;
      }
      const { policy } = await this.policies.current(tx);
      const rule = policy[row.tier];
      const [open] = (await manager.query(
        `SELECT id FROM assessment WHERE vendor_id = $1 AND status = ANY($2) LIMIT 1`,
        [row.id, OPEN_STATUSES],
      )) as Array<{ id: string }>;
      let outcome: ReassessmentOutcome = 'PROPOSED';
      let reason: string;
      let assessmentId: string | null = open?.id ?? null;
      if (open) {
        outcome = 'ALREADY_OPEN';
        reason = 'an assessment of the vendor is already open';
      } else if (rule.mode === ReassessmentMode.Propose) {
        reason = `the policy proposes ${row.tier} reassessments, it does not send them`;
      } else {
        const send = await this.sendable(tx, row.id, rule.templateId);
        if (typeof send === 'string') {
          reason = send;
        } else {
          const assessment = await this.assessments.send(tx, {
            vendorId: row.id,
            templateVersionId: send.versionId,
            contactId: send.contactId,
            dueDate: this.dayAfter(rule.duePeriodDays),
            cycle: row.reassessment_trigger ? AssessmentCycle.Triggered : AssessmentCycle.Periodic,
          });
          outcome = 'SENT';
          reason = `sent to the primary contact, due in ${rule.duePeriodDays} days`;
          assessmentId = assessment.id;
        }
      }
      await manager.query(`UPDATE vendor SET reassessment_started_for = $2 WHERE id = $1`, [
        row.id,
        due,
      ]);
      await this.webhooks.emit(tx, {
        type: WebhookEventType.ReassessmentDue,
        objectType: 'Vendor',
        objectId: row.id,
        summary: { dueAt: data.dueAt, outcome, trigger: row.reassessment_trigger },
      });
      await this.audit.record(tx, {
        action: 'vendor.reassessment_due',
        entityType: 'vendor',
        entityId: row.id,
        before: null,
        after: {
          dueAt: data.dueAt,
          outcome,
          reason,
          assessmentId,
          trigger: row.reassessment_trigger,
        },
      });
      return outcome;
    });
  }

  /**
   * Sends a TRIGGERED assessment now with the policy's template and due period for the
   * vendor's tier (or the version and due date given).
   */
  async reassessNow(
    ctx: RequestContext,
    request: { vendorId: string; templateVersionId?: string | null; dueDate?: string | null },
  ): Promise<Assessment> {
    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      const [vendor] = (await manager.query(`SELECT id, tier FROM vendor WHERE id = $1`, [
        request.vendorId,
      ])) as Array<{ id: string; tier: RiskTier }>;
      if (!vendor) throw DomainException.notFound('Vendor');
      const rule = (await this.policies.current(tx)).policy[vendor.tier];
      const send = await this.sendable(tx, vendor.id, rule.templateId, request.templateVersionId);
      if (typeof send === 'string') {
        throw DomainException.conflict(`The vendor cannot be reassessed now: ${send}`);
      }
      return this.assessments.send(tx, {
        vendorId: vendor.id,
        templateVersionId: send.versionId,
        contactId: send.contactId,
        dueDate: request.dueDate ?? this.dayAfter(rule.duePeriodDays),
        cycle: AssessmentCycle.Triggered,
      });
    });
  }

  /** The version and contact to send to, or why there is none. */
  private async sendable(
    ctx: RequestContext,
    vendorId: string,
    templateId: string | null,
    versionId?: string | null,
  ): Promise<{ versionId: string; contactId: string } | string> {
    const contact = (await this.contacts.contactsOf(ctx, [vendorId])).find((c) => c.isPrimary);
    if (!contact) return 'the vendor has no primary contact';
    if (versionId) return { versionId, contactId: contact.id };
    let template = templateId;
    if (!template) {
      const [last] = (await (
        await this.connection.manager(ctx)
      ).query(
        `SELECT v.template_id FROM assessment a JOIN template_version v ON v.id = a.template_version_id
          WHERE a.vendor_id = $1 ORDER BY a.created_at DESC LIMIT 1`,
        [vendorId],
      )) as Array<{ template_id: string }>;
      if (!last) return 'the policy names no template and the vendor was never sent one';
      template = last.template_id;
    }
    const published = (await this.questionnaires.versionsOfTemplates(ctx, [template])).find(
      (version) => version.status === TemplateVersionStatus.Published,
    );
    if (!published) return 'the template has no published version';
    return { versionId: published.id, contactId: contact.id };
  }

  /** `YYYY-MM-DD`, `days` after today. */
  private dayAfter(days: number): string {
    return new Date(this.clock.now().getTime() + days * DAY_MS).toISOString().slice(0, 10);
  }
}
