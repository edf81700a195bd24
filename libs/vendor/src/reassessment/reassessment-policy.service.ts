import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  JobName,
  OutboxService,
  TransactionalConnection,
  actorId,
  newId,
  type RequestContext,
} from '#core';
import type { RiskTier } from '../risk/inherent-risk.js';
import { Vendor } from '../vendor.entity.js';
import { VendorLifecycle } from '../vendor-lifecycle.js';
import { ReassessmentPolicyRecord } from './reassessment-policy.entity.js';
import {
  DEFAULT_REASSESSMENT_POLICY,
  nextAssessmentDue,
  DEFAULT_REMINDER_OFFSETS,
  canonicalReminders,
  policyProblems,
  reminderProblems,
  type ReminderOffsets,
  type ReassessmentPolicy,
  type ReassessmentTrigger,
  type TierReassessment,
} from './reassessment-policy.js';

export interface VersionedPolicy {
  readonly policy: ReassessmentPolicy;
  readonly reminders: ReminderOffsets;
  /** 0 for the built-in default. */
  readonly version: number;
  readonly updatedAt: Date | null;
}

/** Vendors whose due dates are rewritten per statement when the policy changes. */
const RECOMPUTE_BATCH = 1_000;

/**
 * The reassessment policy and the due date it gives every vendor. Whatever moves a due date
 * (a completed assessment, a new tier, offboarding, a new policy) calls `refresh` or
 * `recomputeOrganization` in its own transaction, which also queues, through the outbox, the
 * job that puts the vendor's reassessment job in the queue: a rolled-back change schedules
 * nothing.
 */
@Injectable()
export class ReassessmentPolicyService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The organization's policy, or the default when it has none. */
  async current(ctx: RequestContext): Promise<VersionedPolicy> {
    const record = await (
      await this.connection.repository(ctx, ReassessmentPolicyRecord)
    ).findOneBy({ organizationId: ctx.organizationId! });
    return record
      ? {
          policy: record.policy,
          reminders: record.reminders ?? DEFAULT_REMINDER_OFFSETS,
          version: record.version,
          updatedAt: record.updatedAt,
        }
      : {
          policy: DEFAULT_REASSESSMENT_POLICY,
          reminders: DEFAULT_REMINDER_OFFSETS,
          version: 0,
          updatedAt: null,
        };
  }

  /**
   * Replaces the policy (every tier at once) and moves every vendor's due date with it, in one
   * transaction. `expectedVersion` is the version the caller read: a stale one is CONFLICT.
   */
  async update(
    ctx: RequestContext,
    policy: Record<string, TierReassessment>,
    expectedVersion: number,
    reminders?: ReminderOffsets | null,
  ): Promise<VersionedPolicy> {
    const problems = [
      ...policyProblems(policy).map((problem) => ({
        path: `input.tiers.${problem.path}`,
        message: problem.message,
      })),
      ...(reminders ? reminderProblems(reminders) : []).map((problem) => ({
        path: `input.reminders.${problem.path}`,
        message: problem.message,
      })),
    ];
    if (problems.length > 0) {
      throw DomainException.badUserInput('Invalid reassessment policy', problems);
    }
    return this.connection.transaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      // One policy change at a time per organization: the row lock serializes them.
      await manager.query(
        `INSERT INTO reassessment_policy (organization_id, policy, version) VALUES ($1, $2, 0)
         ON CONFLICT (organization_id) DO NOTHING`,
        [ctx.organizationId, JSON.stringify(DEFAULT_REASSESSMENT_POLICY)],
      );
      const records = await this.connection.repository(tx, ReassessmentPolicyRecord);
      const record = (await records.findOne({
        where: { organizationId: ctx.organizationId! },
        lock: { mode: 'pessimistic_write' },
      }))!;
      if (record.version !== expectedVersion) {
        throw DomainException.conflict(
          `The reassessment policy is at version ${record.version}, not ${expectedVersion}`,
          { current: { version: record.version } },
        );
      }
      const next = canonical(policy);
      const nextReminders = reminders
        ? canonicalReminders(reminders)
        : (record.reminders ?? DEFAULT_REMINDER_OFFSETS);
      await records.update(
        { organizationId: ctx.organizationId! },
        {
          policy: next,
          reminders: nextReminders,
          version: record.version + 1,
          updatedBy: actorId(ctx.actor),
        },
      );
      const moved = await this.recomputeOrganization(tx, next);
      await this.audit.record(tx, {
        action: 'reassessment_policy.updated',
        entityType: 'reassessment_policy',
        entityId: ctx.organizationId,
        before: { ...record.policy, reminders: record.reminders, version: record.version },
        after: {
          ...next,
          reminders: nextReminders,
          version: record.version + 1,
          rescheduledVendors: moved,
        },
      });
      return {
        policy: next,
        reminders: nextReminders,
        version: record.version + 1,
        updatedAt: this.clock.now(),
      };
    });
  }

  /**
   * Sets `vendor.nextAssessmentDueAt` from the policy before the caller saves the vendor, and
   * queues its rescheduling when the date moved. Runs in the caller's transaction.
   */
  async refresh(ctx: RequestContext, vendor: Vendor): Promise<void> {
    if (vendor.lifecycle === VendorLifecycle.Offboarded) vendor.reassessmentTrigger = null;
    // A reassessment brought forward stays due until an assessment completes.
    if (vendor.reassessmentTrigger) return;
    const { policy } = await this.current(ctx);
    const due = nextAssessmentDue(vendor, policy);
    if (sameInstant(due, vendor.nextAssessmentDueAt)) return;
    vendor.nextAssessmentDueAt = due;
    await this.reschedule(ctx, [vendor]);
  }

  /**
   * Brings the vendor's next assessment forward to now (a tier raised, an agreement expired):
   * it is sent as TRIGGERED when the policy sends automatically. Only for a vendor assessed
   * before, not offboarded, and not already due. Saved at once, without a version bump.
   */
  async bringForward(
    ctx: RequestContext,
    vendor: Vendor,
    trigger: ReassessmentTrigger,
  ): Promise<boolean> {
    const now = this.clock.now();
    if (
      vendor.lifecycle === VendorLifecycle.Offboarded ||
      vendor.lastAssessedAt === null ||
      vendor.reassessmentTrigger ||
      (vendor.nextAssessmentDueAt !== null && vendor.nextAssessmentDueAt <= now)
    ) {
      return false;
    }
    vendor.reassessmentTrigger = trigger;
    vendor.nextAssessmentDueAt = now;
    await (
      await this.connection.manager(ctx)
    ).query(
      `UPDATE vendor SET reassessment_trigger = $2, next_assessment_due_at = $3 WHERE id = $1`,
      [vendor.id, trigger, now],
    );
    await this.audit.record(ctx, {
      action: 'vendor.reassessment_brought_forward',
      entityType: 'vendor',
      entityId: vendor.id,
      before: null,
      after: { trigger, dueAt: now.toISOString() },
    });
    await this.reschedule(ctx, [vendor]);
    return true;
  }

  /**
   * Recomputes the due date of every vendor of the organization (after a policy or rubric
   * change) without bumping their versions: the date is derived, not edited. Returns how many
   * moved.
   */
  async recomputeOrganization(ctx: RequestContext, policy?: ReassessmentPolicy): Promise<number> {
    const rules = policy ?? (await this.current(ctx)).policy;
    const manager = await this.connection.manager(ctx);
    const rows = (await manager.query(
      `SELECT id, organization_id, tier, lifecycle, last_assessed_at, next_assessment_due_at
         FROM vendor
        WHERE (last_assessed_at IS NOT NULL OR next_assessment_due_at IS NOT NULL)
          AND reassessment_trigger IS NULL
        ORDER BY id`,
    )) as Array<{
      id: string;
      organization_id: string;
      tier: RiskTier;
      lifecycle: VendorLifecycle;
      last_assessed_at: Date | null;
      next_assessment_due_at: Date | null;
    }>;
    const moved = rows
      .map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        due: nextAssessmentDue(
          { tier: row.tier, lifecycle: row.lifecycle, lastAssessedAt: row.last_assessed_at },
          rules,
        ),
        before: row.next_assessment_due_at,
      }))
      .filter((row) => !sameInstant(row.due, row.before));
    for (let start = 0; start < moved.length; start += RECOMPUTE_BATCH) {
      const batch = moved.slice(start, start + RECOMPUTE_BATCH);
      await manager.query(
        `UPDATE vendor SET next_assessment_due_at = r.due
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, due timestamptz)
          WHERE vendor.id = r.id`,
        [JSON.stringify(batch.map((row) => ({ id: row.id, due: row.due?.toISOString() ?? null })))],
      );
    }
    await this.reschedule(ctx, moved);
    return moved.length;
  }

  private async reschedule(
    ctx: RequestContext,
    vendors: ReadonlyArray<{ readonly id: string; readonly organizationId: string }>,
  ): Promise<void> {
    await this.outbox.enqueueMany(
      ctx,
      JobName.ScheduleReassessment,
      vendors.map((vendor) => ({
        data: { vendorId: vendor.id, organizationId: vendor.organizationId },
        // Every change gets its own job: each one converges the queue on the state it reads.
        key: `${vendor.id}.${newId()}`,
      })),
    );
  }
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

/** The policy as stored: exactly the known fields of every tier. */
function canonical(policy: Record<string, TierReassessment>): ReassessmentPolicy {
  return Object.fromEntries(
    Object.keys(DEFAULT_REASSESSMENT_POLICY).map((tier) => {
      const entry = policy[tier]!;
      return [
        tier,
        {
          intervalMonths: entry.intervalMonths,
          templateId: entry.templateId ?? null,
          duePeriodDays: entry.duePeriodDays,
          mode: entry.mode,
        },
      ];
    }),
  ) as ReassessmentPolicy;
}
