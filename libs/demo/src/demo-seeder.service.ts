import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AgreementService } from '#agreement';
import {
  AssessmentService,
  CarryOverService,
  FindingService,
  ReviewService,
  VendorAssessmentService,
} from '#assessment';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  FileService,
  RequestContext,
  Role,
  TransactionalConnection,
  type Actor,
} from '#core';
import {
  Membership,
  OrganizationService,
  PasswordHasher,
  PasswordService,
  User,
  checkPassword,
} from '#identity';
import { QuestionnaireService } from '#questionnaire';
import { ReassessmentScheduler } from '#scheduling';
import { VendorContactService, VendorService } from '#vendor';
import { WebhookEndpointService } from '#webhook';
import { DEMO_VENDORS } from './demo-catalog.js';
import {
  Backdating,
  DemoStories,
  type DemoMember,
  type DemoMembers,
  type DemoServices,
} from './demo-stories.js';
import { MovableClock, Timeline, addDays, addHours } from './demo-timeline.js';

/** The demo organization; its admin's address is how a second run recognises it. */
export const DEMO_ORGANIZATION_NAME = 'Lumen Retail Group (demo)';

/** The seed of the pseudo-random choices: the same seed, the same portfolio. */
export const DEMO_SEED = 20_240_917;

/** The demo's members, one per role. */
export const DEMO_MEMBERS: ReadonlyArray<{
  readonly key: keyof DemoMembers;
  readonly role: Role;
  readonly name: string;
  readonly title: string;
  readonly email: string;
}> = [
  {
    key: 'admin',
    role: Role.Admin,
    name: 'Alex Morgan',
    title: 'Chief Operating Officer',
    email: 'alex.morgan@lumen.example',
  },
  {
    key: 'procurement',
    role: Role.Procurement,
    name: 'Priya Nair',
    title: 'Head of Procurement',
    email: 'priya.nair@lumen.example',
  },
  {
    key: 'riskOwner',
    role: Role.RiskOwner,
    name: 'Wei Zhang (张伟)',
    title: 'Privacy & Security Lead',
    email: 'wei.zhang@lumen.example',
  },
  {
    key: 'viewer',
    role: Role.Viewer,
    name: 'Sofia Rossi',
    title: 'Internal Audit',
    email: 'sofia.rossi@lumen.example',
  },
];

export interface DemoMemberCredentials {
  readonly role: Role;
  readonly name: string;
  readonly email: string;
  /** Shown once, when the demo is created; stored only as a hash. */
  readonly password: string;
}

/** How many of each the demo holds, by status where there is one. */
export interface DemoCounts {
  readonly vendors: number;
  readonly agreements: Readonly<Record<string, number>>;
  readonly assessments: Readonly<Record<string, number>>;
  readonly findings: Readonly<Record<string, number>>;
  readonly answers: number;
  readonly auditEvents: number;
}

export type DemoSeedResult =
  | {
      readonly status: 'created';
      readonly organization: { readonly id: string; readonly name: string };
      readonly members: readonly DemoMemberCredentials[];
      readonly counts: DemoCounts;
      /** How long seeding took, in seconds. */
      readonly seconds: number;
    }
  | {
      readonly status: 'exists';
      readonly organization: {
        readonly id: string;
        readonly name: string;
        readonly createdAt: Date;
      };
      readonly members: ReadonlyArray<{ readonly role: Role; readonly email: string }>;
    };

/** A password nobody has to type twice: 20 random URL-safe characters. */
function newPassword(email: string): string {
  for (;;) {
    const password = randomBytes(15).toString('base64url');
    try {
      checkPassword(password, email);
      return password;
    } catch {
      // Drawn again in the rare case it spells the mailbox's name.
    }
  }
}

/**
 * Fills one organization with a believable portfolio, through the same services the GraphQL
 * resolvers call, as its members and vendor contacts: every invariant, score, tier, audit
 * event, email and schedule is the real one. Its history (two to three years of it) is
 * played with the application clock set to each step's moment; only the creation times the
 * database stamps itself are moved into the past afterwards. Everything happens in one
 * transaction: a failure leaves nothing behind, and a second run finds the demo and changes
 * nothing.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
    private readonly passwords: PasswordService,
    private readonly hasher: PasswordHasher,
    private readonly vendors: VendorService,
    private readonly contacts: VendorContactService,
    private readonly agreements: AgreementService,
    private readonly files: FileService,
    private readonly questionnaires: QuestionnaireService,
    private readonly assessments: AssessmentService,
    private readonly vendorAssessments: VendorAssessmentService,
    private readonly carryOver: CarryOverService,
    private readonly reviews: ReviewService,
    private readonly findings: FindingService,
    private readonly webhookEndpoints: WebhookEndpointService,
    private readonly scheduler: ReassessmentScheduler,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    const started = performance.now();
    const now = this.clock.now();
    const unit = this.connection.beginRequest(null);
    const system = RequestContext.system('demo-seed', 'demo-seed').withUnitOfWork(unit, false);
    const clock = new MovableClock(this.clock);
    const scratch = await mkdtemp(join(tmpdir(), 'assay-demo-'));
    try {
      const existing = await this.findExisting(system);
      if (existing) {
        await unit.finish('rollback');
        return existing;
      }
      const timeline = new Timeline(now);
      const backdating = new Backdating();
      const stories = new DemoStories(this.services(), timeline, backdating, DEMO_SEED, scratch);
      DEMO_VENDORS.forEach((vendor, index) => stories.planVendor(vendor, index));
      // The organization started with Assay two weeks before its first vendor went in.
      const start = addDays(timeline.earliest(), -14);
      stories.planOrganization(start);

      clock.set(start);
      const { organizationId, members, credentials } = await this.createOrganization(
        system,
        clock,
        start,
      );
      stories.useMembers(members);
      const counts = await unit.savepoint(
        async () => {
          await timeline.play(clock);
          clock.restore();
          await this.backdate(members.admin.ctx, organizationId, start, backdating);
          return this.count(members.admin.ctx, organizationId);
        },
        { nested: false, access: { role: 'assay_app', organizationId } },
      );
      await unit.finish('commit');
      return {
        status: 'created',
        organization: { id: organizationId, name: DEMO_ORGANIZATION_NAME },
        members: credentials,
        counts,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      };
    } catch (error) {
      await unit.finish('rollback').catch(() => undefined);
      throw error;
    } finally {
      clock.restore();
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private services(): DemoServices {
    return {
      vendors: this.vendors,
      contacts: this.contacts,
      agreements: this.agreements,
      files: this.files,
      questionnaires: this.questionnaires,
      assessments: this.assessments,
      vendorAssessments: this.vendorAssessments,
      carryOver: this.carryOver,
      reviews: this.reviews,
      findings: this.findings,
      webhookEndpoints: this.webhookEndpoints,
      scheduler: this.scheduler,
    };
  }

  /**
   * The demo organization when a run made it already. Takes a lock for the rest of the
   * transaction first, so that two runs at once make one demo. CONFLICT when the demo's users
   * exist without it: they belong to someone else now.
   */
  private async findExisting(system: RequestContext): Promise<DemoSeedResult | null> {
    return this.connection.systemTransaction(system, async (tx) => {
      const manager = await this.connection.manager(tx);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('assay.demo-seed', 0))`);
      const rows = (await manager.query(
        `SELECT u.email, m.role, o.id AS organization_id, o.name, o.created_at
           FROM app_user u
           LEFT JOIN membership m ON m.user_id = u.id
           LEFT JOIN organization o ON o.id = m.organization_id
          WHERE u.email = ANY($1)`,
        [DEMO_MEMBERS.map((member) => member.email)],
      )) as Array<{
        email: string;
        role: Role | null;
        organization_id: string | null;
        name: string | null;
        created_at: Date | null;
      }>;
      const admin = rows.find(
        (row) => row.email === DEMO_MEMBERS[0]!.email && row.name === DEMO_ORGANIZATION_NAME,
      );
      if (admin) {
        return {
          status: 'exists',
          organization: {
            id: admin.organization_id!,
            name: admin.name!,
            createdAt: new Date(admin.created_at!),
          },
          members: rows
            .filter((row) => row.organization_id === admin.organization_id && row.role)
            .map((row) => ({ role: row.role!, email: row.email })),
        } as const;
      }
      if (rows.length > 0) {
        throw DomainException.conflict(
          `The demo's users (${[...new Set(rows.map((row) => row.email))].join(', ')}) exist without the demo organization "${DEMO_ORGANIZATION_NAME}"; remove them or use another database`,
        );
      }
      return null;
    });
  }

  /** The organization, its admin (through the password set-up link) and one member per role. */
  private async createOrganization(
    system: RequestContext,
    clock: MovableClock,
    start: Date,
  ): Promise<{
    organizationId: string;
    members: DemoMembers;
    credentials: DemoMemberCredentials[];
  }> {
    const [adminSpec, ...others] = DEMO_MEMBERS;
    const created = await this.organizations.createWithAdmin(system, {
      name: DEMO_ORGANIZATION_NAME,
      adminEmail: adminSpec!.email,
      adminName: adminSpec!.name,
    });
    const organizationId = created.organization.id;
    const credentials: DemoMemberCredentials[] = [];
    const adminPassword = newPassword(adminSpec!.email);
    clock.set(addHours(start, 0.2));
    await this.passwords.resetPassword(system, {
      token: created.passwordSetupToken!,
      newPassword: adminPassword,
    });
    credentials.push({ ...adminSpec!, password: adminPassword });
    const adminMembership = await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, Membership)).findOneByOrFail({
        organizationId,
        userId: created.admin.id,
      }),
    );
    const adminActor: Actor = {
      kind: 'user',
      userId: created.admin.id,
      role: Role.Admin,
      sessionId: 'demo-seed',
    };
    const ids = new Map<string, { userId: string; membershipId: string }>([
      [adminSpec!.key, { userId: created.admin.id, membershipId: adminMembership.id }],
    ]);
    // The others join on the first day; the admin adds them (an invitation would email a token
    // that only their mailbox sees, so the seed makes their accounts directly).
    for (const [index, spec] of others.entries()) {
      clock.set(addHours(start, 1 + index));
      const password = newPassword(spec.email);
      const passwordHash = await this.hasher.hash(password);
      const made = await this.connection.systemTransaction(system, async (tx) => {
        const users = await this.connection.repository(tx, User);
        const user = users.create({ email: spec.email, displayName: spec.name, passwordHash });
        await users.insert(user);
        const memberships = await this.connection.repository(tx, Membership);
        const membership = memberships.create({ organizationId, userId: user.id, role: spec.role });
        await memberships.insert(membership);
        await this.audit.record(tx, {
          organizationId,
          actor: adminActor,
          action: 'membership.created',
          entityType: 'membership',
          entityId: membership.id,
          after: { userId: user.id, role: spec.role },
        });
        return { userId: user.id, membershipId: membership.id };
      });
      ids.set(spec.key, made);
      credentials.push({ role: spec.role, name: spec.name, email: spec.email, password });
    }
    const unit = system.unitOfWork!;
    const member = (key: keyof DemoMembers): DemoMember => {
      const spec = DEMO_MEMBERS.find((entry) => entry.key === key)!;
      const { userId, membershipId } = ids.get(key)!;
      return {
        role: spec.role,
        name: spec.name,
        title: spec.title,
        email: spec.email,
        userId,
        membershipId,
        ctx: RequestContext.create({
          requestId: 'demo-seed',
          actor: { kind: 'user', userId, role: spec.role, sessionId: 'demo-seed' },
          organizationId,
          unitOfWork: unit,
        }).withUnitOfWork(unit, true),
      };
    };
    return {
      organizationId,
      members: {
        admin: member('admin'),
        procurement: member('procurement'),
        riskOwner: member('riskOwner'),
        viewer: member('viewer'),
      },
      credentials,
    };
  }

  /**
   * Places the creation and change times that PostgreSQL stamped (all "now", in one
   * transaction) at the moments of the story, so that lists, ages and trends read as history.
   */
  private async backdate(
    ctx: RequestContext,
    organizationId: string,
    start: Date,
    backdating: Backdating,
  ): Promise<void> {
    await this.connection.systemTransaction(ctx, async (tx) => {
      const manager = await this.connection.manager(tx);
      for (const [table, rows] of backdating.rows) {
        const values = [...rows].map(([id, row]) => ({
          id,
          created: row.created.toISOString(),
          updated: row.updated.toISOString(),
        }));
        await manager.query(
          `UPDATE ${table} AS t SET created_at = r.created, updated_at = r.updated
             FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, created timestamptz, updated timestamptz)
            WHERE t.id = r.id AND t.organization_id = $2`,
          [JSON.stringify(values), organizationId],
        );
      }
      await manager.query(
        `UPDATE answer SET created_at = answered_at, updated_at = answered_at WHERE organization_id = $1`,
        [organizationId],
      );
      await manager.query(
        `UPDATE organization SET created_at = $2, updated_at = $2 WHERE id = $1`,
        [organizationId, start],
      );
      await manager.query(
        `UPDATE membership SET created_at = $2, updated_at = $2 WHERE organization_id = $1`,
        [organizationId, start],
      );
      await manager.query(
        `UPDATE app_user SET created_at = $2 WHERE id IN (SELECT user_id FROM membership WHERE organization_id = $1)`,
        [organizationId, start],
      );
    });
  }

  private async count(ctx: RequestContext, organizationId: string): Promise<DemoCounts> {
    const manager = await this.connection.manager(ctx);
    const rows = (await manager.query(
      `SELECT 'vendor' AS kind, '' AS status, count(*)::int AS n FROM vendor WHERE organization_id = $1
       UNION ALL SELECT 'agreement', status, count(*)::int FROM agreement WHERE organization_id = $1 GROUP BY status
       UNION ALL SELECT 'assessment', status, count(*)::int FROM assessment WHERE organization_id = $1 GROUP BY status
       UNION ALL SELECT 'finding', status, count(*)::int FROM finding WHERE organization_id = $1 GROUP BY status
       UNION ALL SELECT 'answer', '', count(*)::int FROM answer WHERE organization_id = $1
       UNION ALL SELECT 'audit', '', count(*)::int FROM audit_event WHERE organization_id = $1`,
      [organizationId],
    )) as Array<{ kind: string; status: string; n: number }>;
    const byStatus = (kind: string) =>
      Object.fromEntries(rows.filter((row) => row.kind === kind).map((row) => [row.status, row.n]));
    const total = (kind: string) => rows.find((row) => row.kind === kind)?.n ?? 0;
    return {
      vendors: total('vendor'),
      agreements: byStatus('agreement'),
      assessments: byStatus('assessment'),
      findings: byStatus('finding'),
      answers: total('answer'),
      auditEvents: total('audit'),
    };
  }
}
