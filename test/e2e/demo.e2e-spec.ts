import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import { freePort, startProcess, type RunningProcess } from '../utils/processes.js';
import { startTestApp, testEnvironment, type TestApp } from '../utils/test-app.js';

const ROLES = ['ADMIN', 'PROCUREMENT', 'RISK_OWNER', 'VIEWER'];
const HAN = /\p{Script=Han}/u;

interface Credentials {
  role: string;
  email: string;
  password: string;
}

/** The sign-in lines the seed prints: role, email, password. */
function credentialsIn(output: string): Credentials[] {
  return [
    ...output.matchAll(/^\s+(ADMIN|PROCUREMENT|RISK_OWNER|VIEWER)\s+(\S+@\S+)\s+(\S{12,})\s*$/gm),
  ].map(([, role, email, password]) => ({ role: role!, email: email!, password: password! }));
}

async function signIn(gql: GraphqlClient, credentials: Credentials): Promise<GraphqlClient> {
  const data = await gql.data<{ signIn: { session: { accessToken: string } } }>(
    'mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }',
    { input: { email: credentials.email, password: credentials.password } },
  );
  return gql.withToken(data.signIn.session.accessToken);
}

interface Portfolio {
  organization: { name: string };
  members: { nodes: Array<{ role: string; user: { email: string } }> };
  vendors: {
    totalCount: number;
    nodes: Array<{
      name: string;
      tier: string;
      lifecycle: string;
      country: string | null;
      nextAssessmentDueAt: string | null;
      subProcessors: Array<{ name: string }>;
      contacts: Array<{ language: string }>;
    }>;
  };
  agreements: { totalCount: number; nodes: Array<{ status: string; type: string }> };
  assessments: {
    totalCount: number;
    nodes: Array<{
      status: string;
      decision: string | null;
      overdue: boolean;
      language: string;
      overallScore: number | null;
      answers: Array<{ value: unknown; comment: string | null; evidenceFileIds: string[] }>;
    }>;
  };
  findings: { totalCount: number; nodes: Array<{ status: string; source: string }> };
  webhookEndpoints: { nodes: Array<{ url: string; enabled: boolean }> };
  verifyAuditTrail: { valid: boolean; checkedEvents: number };
}

const PORTFOLIO = `{
  organization { name }
  members(first: 20) { nodes { role user { email } } }
  vendors(first: 100) { totalCount nodes {
    name tier lifecycle country nextAssessmentDueAt subProcessors { name } contacts { language } } }
  agreements(first: 100) { totalCount nodes { status type } }
  assessments(first: 100) { totalCount nodes {
    status decision overdue language overallScore answers { value comment evidenceFileIds } } }
  findings(first: 100) { totalCount nodes { status source } }
  webhookEndpoints(first: 10) { nodes { url enabled } }
  verifyAuditTrail { valid checkedEvents }
}`;

const countBy = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => {
    counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  }, {});

describe('npm run seed:demo', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let t: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'assay-demo-'));
    env = testEnvironment('redis', database, { ASSAY_DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function seed(): Promise<RunningProcess> {
    const run = startProcess('npm', ['run', '--silent', 'seed:demo'], env);
    const code = await run.exited;
    if (code !== 0) throw new Error(`seed:demo exited with ${code}:\n${run.output()}`);
    return run;
  }

  it('fills an organization with a believable portfolio once, and a second run changes nothing', async () => {
    const first = await seed();
    const credentials = credentialsIn(first.output());
    expect(credentials.map((entry) => entry.role)).toEqual(ROLES);

    // The API of a real deployment over the same database, with its own queue prefix.
    t = await startTestApp({
      database,
      withWorker: false,
      env: { ASSAY_DATA_DIR: dataDir, GRAPHQL_MAX_COST: '1000000', GRAPHQL_MAX_ALIASES: '100' },
    });
    const clients = new Map<string, GraphqlClient>();
    for (const entry of credentials) {
      const gql = await signIn(t.gql, entry);
      const viewer = await gql.data<{ viewer: { role: string; organization: { name: string } } }>(
        '{ viewer { role organization { name } } }',
      );
      expect(viewer.viewer.role).toBe(entry.role);
      expect(viewer.viewer.organization.name).toMatch(/demo/i);
      clients.set(entry.role, gql);
    }

    const before = await clients.get('ADMIN')!.data<Portfolio>(PORTFOLIO);
    expect(before.members.nodes.map((member) => member.role).sort()).toEqual([...ROLES].sort());

    const vendors = before.vendors.nodes;
    expect(before.vendors.totalCount).toBe(60);
    expect(Object.keys(countBy(vendors, (vendor) => vendor.tier)).sort()).toEqual([
      'TIER_1',
      'TIER_2',
      'TIER_3',
      'TIER_4',
    ]);
    expect(Object.keys(countBy(vendors, (vendor) => vendor.lifecycle)).sort()).toEqual([
      'ACTIVE',
      'OFFBOARDED',
      'PROSPECT',
    ]);
    const countries = new Set(vendors.map((vendor) => vendor.country));
    for (const country of ['CN', 'DE', 'FR', 'US', 'GB', 'SG', 'IN', 'JP']) {
      expect(countries).toContain(country);
    }
    expect(vendors.filter((vendor) => HAN.test(vendor.name)).length).toBeGreaterThanOrEqual(5);
    expect(vendors.some((vendor) => vendor.contacts.some((c) => c.language === 'ZH_CN'))).toBe(
      true,
    );
    expect(vendors.filter((vendor) => vendor.subProcessors.length > 0).length).toBeGreaterThan(5);
    // A reassessment falls due tomorrow (a day or two later on the few days a month cannot hit).
    const now = Date.now();
    expect(
      vendors.filter((vendor) => {
        const due = vendor.nextAssessmentDueAt ? Date.parse(vendor.nextAssessmentDueAt) : NaN;
        return due > now && due <= now + 3 * 86_400_000;
      }),
    ).toHaveLength(1);

    expect(Object.keys(countBy(before.agreements.nodes, (a) => a.status)).sort()).toEqual([
      'DRAFT',
      'EXPIRED',
      'SENT',
      'SIGNED',
      'SUPERSEDED',
      'TERMINATED',
    ]);
    expect(new Set(before.agreements.nodes.map((a) => a.type)).size).toBeGreaterThanOrEqual(5);

    const assessments = before.assessments.nodes;
    expect(Object.keys(countBy(assessments, (a) => a.status)).sort()).toEqual([
      'CANCELLED',
      'CHANGES_REQUESTED',
      'COMPLETED',
      'IN_PROGRESS',
      'IN_REVIEW',
      'SENT',
      'SUBMITTED',
    ]);
    expect(
      Object.keys(
        countBy(
          assessments.filter((a) => a.decision),
          (a) => a.decision!,
        ),
      ).sort(),
    ).toEqual(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED']);
    expect(assessments.filter((a) => a.overdue).length).toBeGreaterThanOrEqual(1);
    expect(
      assessments.filter((a) => a.status === 'COMPLETED').every((a) => a.overallScore !== null),
    ).toBe(true);
    // Answers in both languages: Chinese text from zh-CN contacts, English from the others.
    const texts = (language: string) =>
      assessments
        .filter((a) => a.language === language)
        .flatMap((a) => a.answers)
        .flatMap((answer) => [
          answer.comment,
          typeof answer.value === 'string' ? answer.value : null,
        ])
        .filter((text): text is string => Boolean(text) && /\s\S/.test(text!));
    expect(texts('zh-CN').some((text) => HAN.test(text))).toBe(true);
    expect(texts('en').some((text) => /^[A-Z][a-z]+ /.test(text) && !HAN.test(text))).toBe(true);
    expect(assessments.some((a) => a.answers.some((answer) => answer.evidenceFileIds.length))).toBe(
      true,
    );

    expect(Object.keys(countBy(before.findings.nodes, (f) => f.status)).sort()).toEqual([
      'IN_REMEDIATION',
      'OPEN',
      'RESOLVED',
      'RISK_ACCEPTED',
    ]);
    expect(new Set(before.findings.nodes.map((f) => f.source))).toEqual(
      new Set(['KNOCKOUT', 'FLAGGED_ANSWER', 'MANUAL']),
    );
    expect(before.webhookEndpoints.nodes).toEqual([
      { url: 'https://192.0.2.10/assay/webhooks', enabled: false },
    ]);
    // Every change was audited through the services, and the chain holds.
    expect(before.verifyAuditTrail.valid).toBe(true);
    expect(before.verifyAuditTrail.checkedEvents).toBeGreaterThan(500);

    const second = await seed();
    expect(second.output()).toMatch(/exists already.*nothing was changed/);
    expect(credentialsIn(second.output())).toEqual([]);
    const after = await clients.get('ADMIN')!.data<Portfolio>(PORTFOLIO);
    expect(after.vendors.totalCount).toBe(before.vendors.totalCount);
    expect(after.agreements.totalCount).toBe(before.agreements.totalCount);
    expect(after.assessments.totalCount).toBe(before.assessments.totalCount);
    expect(after.findings.totalCount).toBe(before.findings.totalCount);
    expect(after.members.nodes).toHaveLength(4);
    expect(after.webhookEndpoints.nodes).toHaveLength(1);
    expect(after.verifyAuditTrail.checkedEvents).toBe(before.verifyAuditTrail.checkedEvents);
    const organizations = await clients.get('ADMIN')!.data<{
      viewer: { memberships: Array<{ organization: { name: string } }> };
    }>('{ viewer { memberships { organization { name } } } }');
    expect(organizations.viewer.memberships).toHaveLength(1);
  }, 300_000);
});

describe('npm start with ASSAY_DEMO=1 (embedded mode)', () => {
  let dataDir: string;
  let running: RunningProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'assay-demo-start-'));
  });

  afterAll(async () => {
    await running?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads the demo before serving and prints how to sign in as its admin', async () => {
    const port = await freePort();
    running = startProcess('npm', ['start', '--silent'], {
      ASSAY_DATA_DIR: dataDir,
      PORT: String(port),
      ASSAY_DEMO: '1',
      LOG_LEVEL: 'warn',
    });
    const banner = await eventually(
      async () => {
        if (running!.child.exitCode !== null)
          throw new Error(`npm start exited:\n${running!.output()}`);
        const output = running!.output();
        return output.includes('These passwords are shown this once') && output;
      },
      {
        timeoutMs: 240_000,
        intervalMs: 500,
        what: 'npm start to load the demo and print its banner',
      },
    );
    expect(banner).toContain(`http://127.0.0.1:${port}/graphql`);
    const admin = credentialsIn(banner).find((entry) => entry.role === 'ADMIN');
    expect(admin).toBeDefined();

    const gql = await signIn(new GraphqlClient(`http://127.0.0.1:${port}/graphql`), admin!);
    const data = await gql.data<{ viewer: { role: string }; vendors: { totalCount: number } }>(
      '{ viewer { role } vendors(first: 1) { totalCount } }',
    );
    expect(data).toEqual({ viewer: { role: 'ADMIN' }, vendors: { totalCount: 60 } });
    expect(await running.stop()).toBe(0);
  }, 300_000);
});
