import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock, JobName, QueueBackend, QueueName, Role, jobId } from '#core';
import { reassessmentJobId } from '#scheduling';
import { addMonths } from '#vendor';
import {
  answerAndSubmit,
  invitationToken,
  publishQuestionnaire,
} from '../factories/assessment.factory.js';
import {
  addMember,
  createOrganization,
  signIn,
  signInToken,
  type TestMember,
} from '../factories/identity.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { eventually } from '../utils/eventually.js';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { readMailbox } from '../utils/mailbox.js';
import { waitForQueues } from '../utils/queues.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const DEFINITION = {
  languages: ['en'],
  sections: [
    {
      key: 'security',
      title: { en: 'Security' },
      questions: [
        {
          key: 'tls',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Is data encrypted in transit?' },
          points: { yes: 10, no: 0 },
        },
        {
          key: 'mfa',
          type: 'BOOLEAN',
          required: true,
          text: { en: 'Do administrators use MFA?' },
          points: { yes: 10, no: 0 },
        },
      ],
    },
  ],
};

const POLICY = `{ reassessmentPolicy { version updatedAt reminders { beforeDueDays afterDueDays } tiers { tier intervalMonths templateId duePeriodDays mode } } }`;
const UPDATE_POLICY = `mutation($input: UpdateReassessmentPolicyInput!) { updateReassessmentPolicy(input: $input) {
  policy { version tiers { tier intervalMonths templateId duePeriodDays mode } } } }`;
const VENDOR = `query($id: ID!) { vendor(id: $id) { tier lastAssessedAt nextAssessmentDueAt } }`;
const ASSESSMENTS = `query($vendorId: ID!) { assessments(first: 10, filter: { vendorId: $vendorId }) {
  nodes { id cycle status dueDate } } }`;
const SEND = `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`;
const EXCHANGE = `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`;

const DEFAULT_MONTHS: Record<string, number> = { TIER_1: 6, TIER_2: 12, TIER_3: 24, TIER_4: 36 };

const tiers = (months: Record<string, number>, extra: Record<string, unknown> = {}) =>
  Object.entries(months).map(([tier, intervalMonths]) => ({
    tier,
    intervalMonths,
    duePeriodDays: 30,
    mode: 'AUTOMATIC',
    ...extra,
  }));

const fieldPaths = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  ((response.errors?.[0]?.extensions?.fields as Array<{ path: string }> | undefined) ?? []).map(
    (field) => field.path,
  );

/** The first invitation token each contact received. */
const firstToken = new Map<string, string>();

const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('reassessment on a cadence set by the tier', () => {
  let t: TestApp;
  let admin: GraphqlClient;
  let procurement: GraphqlClient;
  let riskOwner: GraphqlClient;
  let riskOwnerMember: TestMember;
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createOrganization(t.app, { name: 'Acme Holdings' });
    admin = t.gql.withToken(await signInToken(t.gql, owner));
    procurement = await signIn(
      t.gql,
      await addMember(t.app, owner.organizationId, Role.Procurement),
    );
    riskOwnerMember = await addMember(t.app, owner.organizationId, Role.RiskOwner);
    riskOwner = await signIn(t.gql, riskOwnerMember);
    versionId = await publishQuestionnaire(admin, DEFINITION);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A vendor with a primary contact, assessed once (sent, answered, reviewed, completed). */
  async function assessedVendor(name: string, fields: Record<string, unknown> = {}) {
    const vendor = await createVendor(procurement, { name, ...fields });
    const email = `dpo.${name.toLowerCase().replaceAll(' ', '-')}@vendor.example`;
    const contact = await procurement.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId: vendor.id, name: 'Vendor DPO', email, language: 'EN', primary: true } },
    );
    const sent = await procurement.data<{ sendAssessment: { assessment: { id: string } } }>(SEND, {
      input: {
        vendorId: vendor.id,
        templateVersionId: versionId,
        contactId: contact.addVendorContact.contact.id,
        dueDate: '2099-12-31',
      },
    });
    const assessmentId = sent.sendAssessment.assessment.id;
    const token = await invitationToken(t.config, email);
    firstToken.set(email, token);
    const session = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
      token,
    });
    await answerAndSubmit(t.gql.withToken(session.exchangeInvitation.accessToken), assessmentId, [
      { questionKey: 'tls', value: true },
      { questionKey: 'mfa', value: false },
    ]);
    await riskOwner.data(
      `mutation($id: ID!) { startReview(input: { assessmentId: $id }) { assessment { status } } }`,
      { id: assessmentId },
    );
    await riskOwner.data(
      `mutation($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { assessment { status } } }`,
      { input: { assessmentId, decision: 'REJECTED', note: 'MFA missing' } },
    );
    return { vendorId: vendor.id, email, assessmentId };
  }

  const vendorView = async (id: string) =>
    (
      await riskOwner.data<{
        vendor: { tier: string; lastAssessedAt: string | null; nextAssessmentDueAt: string | null };
      }>(VENDOR, { id })
    ).vendor;

  const jobStateOf = (vendorId: string, due: string) =>
    t.app
      .get(QueueBackend)
      .jobState(QueueName.Scheduling, reassessmentJobId(rowIdOf(vendorId), new Date(due)));

  const runJob = (name: JobName) =>
    t.app
      .get(QueueBackend)
      .add([
        { name, data: {}, jobId: jobId(name, `test-${Date.now()}-${Math.random()}`) } as never,
      ]);

  it('has a default policy by tier, and only admins change it, all tiers at once and validated', async () => {
    const policy = await riskOwner.data<{
      reassessmentPolicy: {
        version: number;
        tiers: Array<{ tier: string; intervalMonths: number; mode: string }>;
      };
    }>(POLICY);
    expect(policy.reassessmentPolicy.version).toBe(0);
    expect(
      Object.fromEntries(policy.reassessmentPolicy.tiers.map((e) => [e.tier, e.intervalMonths])),
    ).toEqual(DEFAULT_MONTHS);
    expect(policy.reassessmentPolicy.tiers.every((e) => e.mode === 'AUTOMATIC')).toBe(true);

    const refused = await procurement.request(UPDATE_POLICY, {
      input: { tiers: tiers(DEFAULT_MONTHS), expectedVersion: 0 },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const twice = await admin.request(UPDATE_POLICY, {
      input: {
        tiers: [
          ...tiers(DEFAULT_MONTHS),
          { tier: 'TIER_3', intervalMonths: 24, duePeriodDays: 30, mode: 'PROPOSE' },
        ],
        expectedVersion: 0,
      },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(twice)).toEqual(['input.tiers[4].tier']);

    const invalid = await admin.request(UPDATE_POLICY, {
      input: {
        tiers: [
          ...tiers({ TIER_1: 0, TIER_2: 12, TIER_3: 24 }),
          { tier: 'TIER_3', intervalMonths: 24, duePeriodDays: 400, mode: 'PROPOSE' },
        ].slice(0, 3),
        expectedVersion: 0,
      },
    });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(invalid).sort()).toEqual([
      'input.tiers.TIER_1.intervalMonths',
      'input.tiers.TIER_4',
    ]);

    const stale = await admin.request(UPDATE_POLICY, {
      input: { tiers: tiers(DEFAULT_MONTHS), expectedVersion: 3 },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = await riskOwner.data<{ reassessmentPolicy: { version: number } }>(POLICY);
    expect(after.reassessmentPolicy.version).toBe(0);
  });

  it('schedules the next cycle by tier, moves it with the policy, and starts it when the clock reaches it', async () => {
    const members = await admin.data<{
      members: { nodes: Array<{ id: string; user: { email: string } }> };
    }>('{ members { nodes { id user { email } } } }');
    const riskOwnerId = members.members.nodes.find(
      (member) => member.user.email === riskOwnerMember.email,
    )!.id;
    const { vendorId, email } = await assessedVendor('Payroll Co', { riskOwnerId });
    const assessed = await vendorView(vendorId);
    const expectedDue = addMonths(
      new Date(assessed.lastAssessedAt!),
      DEFAULT_MONTHS[assessed.tier]!,
    );
    expect(assessed.nextAssessmentDueAt).toBe(expectedDue.toISOString());
    // One delayed job for that vendor and date.
    await eventually(
      async () => (await jobStateOf(vendorId, expectedDue.toISOString())) === 'delayed',
      { what: 'the reassessment job to be queued' },
    );

    // A new policy moves the date, and the queue with it.
    const months: Record<string, number> = { TIER_1: 3, TIER_2: 4, TIER_3: 5, TIER_4: 7 };
    const updated = await admin.data<{ updateReassessmentPolicy: { policy: { version: number } } }>(
      UPDATE_POLICY,
      { input: { tiers: tiers(months), expectedVersion: 0 } },
    );
    expect(updated.updateReassessmentPolicy.policy.version).toBe(1);
    const moved = addMonths(new Date(assessed.lastAssessedAt!), months[assessed.tier]!);
    expect((await vendorView(vendorId)).nextAssessmentDueAt).toBe(moved.toISOString());
    await eventually(async () => (await jobStateOf(vendorId, moved.toISOString())) === 'delayed', {
      what: 'the job for the new date',
    });
    await eventually(
      async () => (await jobStateOf(vendorId, expectedDue.toISOString())) === 'unknown',
      { what: 'the job for the old date to go' },
    );

    // The clock reaches the date: the sweep starts it, with the last cycle's answers.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(moved.getTime() + 3_600_000));
    // Sessions from before have expired by then.
    const later = await signIn(t.gql, riskOwnerMember);
    await runJob(JobName.SweepDueReassessments);
    const periodic = await eventually(
      async () =>
        (
          await later.data<{
            assessments: { nodes: Array<{ id: string; cycle: string; status: string }> };
          }>(ASSESSMENTS, { vendorId })
        ).assessments.nodes.find((node) => node.cycle === 'PERIODIC'),
      { what: 'the periodic assessment' },
    );
    expect(periodic.status).toBe('SENT');
    await eventually(
      async () => (await jobStateOf(vendorId, moved.toISOString())) === 'completed',
      { what: 'the start job to complete' },
    );
    const invitations = await eventually(
      async () => {
        const mails = (await readMailbox(t.config)).filter((mail) => mail.to === email);
        return mails.length === 2 && mails;
      },
      { what: 'the second invitation' },
    );
    const token = /invitation=([A-Za-z0-9_-]{43})/.exec(
      invitations.find((mail) => !mail.text.includes(firstToken.get(email)!))!.text,
    )![1]!;
    const session = await t.gql.data<{ exchangeInvitation: { accessToken: string } }>(EXCHANGE, {
      token,
    });
    const vendor = t.gql.withToken(session.exchangeInvitation.accessToken);
    const view = await vendor.data<{
      vendorAssessment: {
        sections: Array<{
          questions: Array<{
            key: string;
            answer: { value: unknown; carriedOver: boolean } | null;
          }>;
        }>;
      };
    }>(
      `query($id: ID!) { vendorAssessment(id: $id) { sections { questions { key answer { value carriedOver } } } } }`,
      { id: periodic.id },
    );
    expect(view.vendorAssessment.sections[0]!.questions.map((q) => [q.key, q.answer])).toEqual([
      ['tls', { value: true, carriedOver: true }],
      ['mfa', { value: false, carriedOver: true }],
    ]);

    // Running the sweep and the reconciler again sends nothing more.
    await runJob(JobName.SweepDueReassessments);
    await runJob(JobName.ReconcileReassessments);
    await waitForQueues(t.app);
    const all = await later.data<{ assessments: { nodes: Array<{ cycle: string }> } }>(
      ASSESSMENTS,
      { vendorId },
    );
    expect(all.assessments.nodes.map((node) => node.cycle).sort()).toEqual(['INITIAL', 'PERIODIC']);
    expect((await readMailbox(t.config)).filter((mail) => mail.to === email)).toHaveLength(2);

    // The new cycle is reminded at its offsets, once each, and escalates once overdue.
    const dueOf = Date.parse(
      `${
        (
          await later.data<{ assessment: { dueDate: string } }>(
            'query($id: ID!) { assessment(id: $id) { dueDate } }',
            { id: periodic.id },
          )
        ).assessment.dueDate
      }T12:00:00Z`,
    );
    const sweepRemindersAt = async (at: number) => {
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(at));
      await runJob(JobName.SweepReminders);
      await waitForQueues(t.app);
    };
    const toContact = async () =>
      (await readMailbox(t.config)).filter((mail) => mail.to === email).length;
    const escalations = async () =>
      (await readMailbox(t.config)).filter(
        (mail) => mail.to === riskOwnerMember.email && mail.text.includes(email),
      ).length;
    for (const [daysFromDue, contact, escalated] of [
      [-15, 2, 0],
      [-14, 3, 0],
      [-13, 3, 0],
      [-3, 4, 0],
      [0, 4, 0],
      [1, 5, 0],
      [2, 5, 0],
      [7, 6, 1],
      [9, 6, 1],
    ] as const) {
      await sweepRemindersAt(dueOf + daysFromDue * 86_400_000);
      expect([daysFromDue, await toContact(), await escalations()]).toEqual([
        daysFromDue,
        contact,
        escalated,
      ]);
    }
    jest.restoreAllMocks();
  });

  it('clears the schedule of an offboarded vendor and sends TRIGGERED ones on demand', async () => {
    const { vendorId } = await assessedVendor('Call Centre Ltd');
    const due = (await vendorView(vendorId)).nextAssessmentDueAt!;
    await eventually(async () => (await jobStateOf(vendorId, due)) === 'delayed', {
      what: 'the reassessment job',
    });

    const now = await procurement.data<{
      reassessNow: { assessment: { id: string; cycle: string; status: string } };
    }>(
      `mutation($input: ReassessNowInput!) { reassessNow(input: $input) { assessment { id cycle status } } }`,
      { input: { vendorId } },
    );
    expect(now.reassessNow.assessment).toMatchObject({ cycle: 'TRIGGERED', status: 'SENT' });
    await procurement.data(
      `mutation($id: ID!) { cancelAssessment(input: { assessmentId: $id, reason: "sent by mistake" }) { assessment { status } } }`,
      { id: now.reassessNow.assessment.id },
    );

    await procurement.data(
      `mutation($input: OffboardVendorInput!) { offboardVendor(input: $input) { vendor { id } } }`,
      { input: { vendorId } },
    );
    expect((await vendorView(vendorId)).nextAssessmentDueAt).toBeNull();
    await eventually(async () => (await jobStateOf(vendorId, due)) === 'unknown', {
      what: 'the job to be removed',
    });
  });

  it('brings the next assessment forward when the tier is raised, and sends it as TRIGGERED', async () => {
    const { vendorId } = await assessedVendor('Cloud Hosting Inc');
    const OVERRIDE = `mutation($input: OverrideVendorTierInput!) { overrideVendorTier(input: $input) {
      vendor { tier nextAssessmentDueAt } } }`;
    // Lowering the tier only moves the date out.
    const lowered = await riskOwner.data<{
      overrideVendorTier: { vendor: { nextAssessmentDueAt: string } };
    }>(OVERRIDE, { input: { vendorId, tier: 'TIER_4', justification: 'little data' } });
    expect(Date.parse(lowered.overrideVendorTier.vendor.nextAssessmentDueAt)).toBeGreaterThan(
      Date.now() + 30 * 86_400_000,
    );
    const before = Date.now();
    const raised = await riskOwner.data<{
      overrideVendorTier: { vendor: { tier: string; nextAssessmentDueAt: string } };
    }>(OVERRIDE, { input: { vendorId, tier: 'TIER_1', justification: 'now holds health data' } });
    expect(raised.overrideVendorTier.vendor.tier).toBe('TIER_1');
    expect(Date.parse(raised.overrideVendorTier.vendor.nextAssessmentDueAt)).toBeGreaterThanOrEqual(
      before - 1_000,
    );
    expect(Date.parse(raised.overrideVendorTier.vendor.nextAssessmentDueAt)).toBeLessThanOrEqual(
      Date.now(),
    );
    const triggered = await eventually(
      async () =>
        (
          await riskOwner.data<{
            assessments: { nodes: Array<{ cycle: string; status: string }> };
          }>(ASSESSMENTS, { vendorId })
        ).assessments.nodes.find((node) => node.cycle === 'TRIGGERED'),
      { what: 'the triggered assessment' },
    );
    expect(triggered.status).toBe('SENT');
    // Raising it again while one is open sends no second one.
    await riskOwner.data(OVERRIDE, {
      input: { vendorId, tier: 'TIER_2', justification: 'back down' },
    });
    await riskOwner.data(OVERRIDE, {
      input: { vendorId, tier: 'TIER_1', justification: 'up again' },
    });
    await waitForQueues(t.app);
    const all = await riskOwner.data<{ assessments: { nodes: Array<{ cycle: string }> } }>(
      ASSESSMENTS,
      { vendorId },
    );
    expect(all.assessments.nodes.map((node) => node.cycle).sort()).toEqual([
      'INITIAL',
      'TRIGGERED',
    ]);
  });
});
