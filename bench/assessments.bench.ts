import pg from 'pg';
import { AppConfig, AuthSecret, Clock, newId } from '#core';
import { VendorContactTokens } from '#identity';
import { validateDefinition } from '#questionnaire';
import { BENCH_REDIS_URL, median, type BenchDatabase } from './bench-env.js';
import { globalId } from './baseline-sql.js';
import {
  BENCH_AUTH_SECRET,
  postJson,
  requestRate,
  sameAnswers,
  startApi,
  startBaseline,
  stop,
} from './processes.js';
import { stackFloorResult, type BenchResult } from './report.js';
import { benchAccessToken, statementCounts, statementsPerRequest } from './statements.js';
import { copyWithoutRowLevelSecurity, seedOrganization } from './seed.js';

const VENDORS = 1_000;
/** Cycles per vendor: a few thousand assessments in all. */
const CYCLES = 3;
const QUESTIONS = 40;
const BATCH_ANSWERS = 20;
const PAGE = 50;
const DURATION_SECONDS = 6;
const ROUNDS = 3;
const CONNECTIONS = 10;

const PAGE_QUERY = `query($first: Int) { assessments(first: $first) { nodes { id overallScore
  openFindingCount vendor { name } } } }`;
const pageBody = (first: number) => JSON.stringify({ query: PAGE_QUERY, variables: { first } });
const SAVE_QUERY = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) {
  answers { questionKey revision } } }`;

/** A deterministic generator, so that every run seeds the same portfolio. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** QUESTIONS yes/no questions in four sections. */
function definition() {
  const document = {
    languages: ['en', 'zh-CN'],
    sections: Array.from({ length: 4 }, (_, s) => ({
      key: `section_${s}`,
      title: { en: `Section ${s}`, 'zh-CN': `第 ${s} 部分` },
      questions: Array.from({ length: QUESTIONS / 4 }, (_, q) => ({
        key: `q_${s}_${q}`,
        type: 'BOOLEAN',
        required: true,
        text: { en: `Control ${s}.${q}?`, 'zh-CN': `控制 ${s}.${q}？` },
        points: { yes: 10, no: 0 },
      })),
    })),
  };
  const result = validateDefinition(document, 'publish');
  if (!result.definition) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

interface Seeded {
  /** Per save worker: an assessment in progress, its vendor and contact. */
  readonly writable: Array<{ assessmentId: string; vendorId: string; contactId: string }>;
  readonly assessments: number;
  readonly findings: number;
}

/**
 * VENDORS vendors with a contact each and CYCLES assessments each (older ones completed with a
 * score, the latest in progress), findings on a third of them, by raw SQL.
 */
export async function seedAssessments(url: string, organizationId: string): Promise<Seeded> {
  const next = random(7);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = (table: string, columns: string, types: string, rows: unknown[]) =>
    client.query(
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_to_recordset($1::jsonb) AS r(${types})`,
      [JSON.stringify(rows)],
    );
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', 'assay_system', true)`);
    const templateId = newId();
    const versionId = newId();
    const defined = definition();
    await client.query(
      `INSERT INTO questionnaire_template (id, organization_id, name, name_key, version)
       VALUES ($1, $2, 'Security baseline', 'security baseline', 1)`,
      [templateId, organizationId],
    );
    await client.query(
      `INSERT INTO template_version (id, organization_id, template_id, number, status, definition,
         question_count, published_at, revision)
       VALUES ($1, $2, $3, 1, 'PUBLISHED', $4, $5, now(), 1)`,
      [versionId, organizationId, templateId, JSON.stringify(defined), QUESTIONS],
    );
    const vendors: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const assessments: Record<string, unknown>[] = [];
    const findings: Record<string, unknown>[] = [];
    const writable: Seeded['writable'] = [];
    const start = Date.parse('2024-01-01T00:00:00Z');
    let created = 0;
    for (let i = 0; i < VENDORS; i++) {
      const vendorId = newId();
      const contactId = newId();
      const name = `Vendor ${String(i).padStart(5, '0')}`;
      vendors.push({
        id: vendorId,
        organization_id: organizationId,
        name,
        name_key: name.toLowerCase(),
        tier: ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'][i % 4],
      });
      contacts.push({
        id: contactId,
        organization_id: organizationId,
        vendor_id: vendorId,
        name: `DPO ${i}`,
        email: `dpo${i}@vendor${i}.example`,
      });
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const id = newId();
        const latest = cycle === CYCLES - 1;
        const score = Math.round(next() * 10_000) / 100;
        // Distinct creation times, in the order of the page.
        const at = new Date(start + created++ * 60_000).toISOString();
        assessments.push({
          id,
          organization_id: organizationId,
          vendor_id: vendorId,
          template_version_id: versionId,
          contact_id: contactId,
          cycle: cycle === 0 ? 'INITIAL' : 'PERIODIC',
          status: latest ? 'IN_PROGRESS' : 'COMPLETED',
          due_date: latest ? '2099-12-31' : '2025-06-30',
          sent_at: at,
          submitted_at: latest ? null : at,
          overall_score: latest ? null : score,
          created_at: at,
        });
        if (next() < 0.33) {
          for (let f = 0, n = 1 + Math.floor(next() * 3); f < n; f++) {
            findings.push({
              id: newId(),
              organization_id: organizationId,
              vendor_id: vendorId,
              assessment_id: id,
              source: 'MANUAL',
              severity: 'HIGH',
              title: `Finding ${f}`,
              status: ['OPEN', 'IN_REMEDIATION', 'RESOLVED'][f % 3],
            });
          }
        }
        if (latest && writable.length < CONNECTIONS)
          writable.push({ assessmentId: id, vendorId, contactId });
      }
    }
    // A plain profile: the tiers are spread by hand, the page reads only names.
    await client.query(
      `INSERT INTO vendor (id, organization_id, name, name_key, lifecycle, data_categories,
         other_sensitive_data, volume_band, access_level, processing_role, data_countries,
         data_subject_regions, sensitive_data, cross_border, inherent_risk_score, computed_tier,
         tier, risk_reasons, risk_algorithm_version, risk_rubric_version, regimes, requirements,
         version)
       SELECT id, organization_id, name, name_key, 'ACTIVE', '{}', false, 'UNDER_10K', 'NONE',
         'PROCESSOR', '{}', '{}', false, false, 0, tier, tier, '[]', 1, 0, '{}', '[]', 1
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, name varchar,
           name_key varchar, tier varchar)`,
      [JSON.stringify(vendors)],
    );
    await insert(
      'vendor_contact',
      'id, organization_id, vendor_id, name, email',
      'id uuid, organization_id uuid, vendor_id uuid, name varchar, email varchar',
      contacts,
    );
    await insert(
      'assessment',
      'id, organization_id, vendor_id, template_version_id, contact_id, cycle, status, language, due_date, sent_at, submitted_at, overall_score, created_at, version',
      'id uuid, organization_id uuid, vendor_id uuid, template_version_id uuid, contact_id uuid, cycle varchar, status varchar, language varchar, due_date date, sent_at timestamptz, submitted_at timestamptz, overall_score numeric, created_at timestamptz, version int',
      assessments.map((row) => ({ ...row, language: 'en', version: 1 })),
    );
    await insert(
      'finding',
      'id, organization_id, vendor_id, assessment_id, source, severity, title, status, version',
      'id uuid, organization_id uuid, vendor_id uuid, assessment_id uuid, source varchar, severity varchar, title varchar, status varchar, version int',
      findings.map((row) => ({ ...row, version: 1 })),
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { writable, assessments: assessments.length, findings: findings.length };
  } finally {
    await client.end();
  }
}

/**
 * Batches of BATCH_ANSWERS answers saved in a loop by `workers` vendor contacts at once, each on
 * its own assessment and naming the revisions it read, for `seconds`: batches per second.
 */
async function saveRate(
  url: string,
  workers: Array<{ assessmentId: string; headers: Record<string, string> }>,
  revisions: number[],
  seconds: number,
  round: number,
): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let saved = 0;
  await Promise.all(
    workers.map(async (worker, index) => {
      while (performance.now() < until) {
        const answers = Array.from({ length: BATCH_ANSWERS }, (_, i) => ({
          questionKey: `q_${i % 4}_${Math.floor(i / 4)}`,
          value: (saved + i + round) % 2 === 0,
          expectedRevision: revisions[index]!,
        }));
        const answer = await postJson<{ data?: { saveAnswers: unknown }; errors?: unknown }>(
          url,
          JSON.stringify({
            query: SAVE_QUERY,
            variables: { input: { assessmentId: worker.assessmentId, answers } },
          }),
          worker.headers,
        );
        if (!answer.data?.saveAnswers) throw new Error(`Save failed: ${JSON.stringify(answer)}`);
        revisions[index]! += 1;
        saved += 1;
      }
    }),
  );
  return saved / seconds;
}

/**
 * The vendor's batch save and the reviewer's assessments page, each through GraphQL against one
 * hand-written SQL statement behind a bare Node handler.
 */
export async function assessmentBenchmarks(database: BenchDatabase): Promise<BenchResult[]> {
  const seeded = await seedOrganization(database, 20);
  const data = await seedAssessments(database.url, seeded.organizationId);
  const plain = await copyWithoutRowLevelSecurity(database);
  const api = await startApi(database.url);
  const baseline = await startBaseline(
    'assessments-baseline-server.js',
    plain.url,
    seeded.organizationId,
  );
  const floor = await startBaseline('stack-floor-server.js', plain.url, seeded.organizationId);
  try {
    const apiUrl = `${api.url}/graphql`;
    const baselineUrl = baseline.url;
    const floorUrl = `${floor.url}/graphql`;

    // (a) batch saves by vendor contacts.
    const config = AppConfig.load({
      DATABASE_URL: database.url,
      REDIS_URL: BENCH_REDIS_URL,
      AUTH_SECRET: BENCH_AUTH_SECRET,
      LOG_LEVEL: 'error',
    });
    const tokens = new VendorContactTokens(await AuthSecret.resolve(config), new Clock());
    const apiWorkers = await Promise.all(
      data.writable.map(async (row) => ({
        assessmentId: globalId('Assessment', row.assessmentId),
        headers: {
          authorization: `Bearer ${
            (
              await tokens.issue(
                {
                  organizationId: seeded.organizationId,
                  vendorId: row.vendorId,
                  contactId: row.contactId,
                  assessmentIds: [row.assessmentId],
                },
                3_600,
              )
            ).token
          }`,
        },
      })),
    );
    const baselineWorkers = data.writable.map((row) => ({
      assessmentId: globalId('Assessment', row.assessmentId),
      headers: { 'x-contact-id': row.contactId },
    }));
    // The baseline and the floor save the same rows of the copy, in turn.
    const apiRevisions = apiWorkers.map(() => 0);
    const baselineRevisions = baselineWorkers.map(() => 0);
    const saves = (
      url: string,
      workers: Array<{ assessmentId: string; headers: Record<string, string> }>,
      revisions: number[],
      round: number,
    ) => saveRate(url, workers, revisions, round === 0 ? 2 : DURATION_SECONDS, round);
    const [apiSaves, sqlSaves, floorSaves]: [number[], number[], number[]] = [[], [], []];
    for (let round = 0; round <= ROUNDS; round++) {
      const sql = await saves(`${baselineUrl}/save`, baselineWorkers, baselineRevisions, round);
      const onFloor = await saves(floorUrl, baselineWorkers, baselineRevisions, round);
      const viaApi = await saves(apiUrl, apiWorkers, apiRevisions, round);
      if (round === 0) continue; // the warm-up
      sqlSaves.push(sql);
      floorSaves.push(onFloor);
      apiSaves.push(viaApi);
    }

    // (b) the reviewer's page.
    const headers = { authorization: `Bearer ${await benchAccessToken(apiUrl, seeded.email)}` };
    sameAnswers([
      await postJson(apiUrl, pageBody(PAGE), headers),
      await postJson(`${baselineUrl}/page`, pageBody(PAGE)),
      await postJson(floorUrl, pageBody(PAGE)),
    ]);
    const load = (url: string, withHeaders: Record<string, string> = {}) =>
      requestRate(url, pageBody(PAGE), {
        headers: withHeaders,
        connections: CONNECTIONS,
        seconds: DURATION_SECONDS,
      });
    await load(apiUrl, headers);
    await load(`${baselineUrl}/page`);
    await load(floorUrl);
    const [apiPages, sqlPages, floorPages]: [number[], number[], number[]] = [[], [], []];
    for (let round = 0; round < ROUNDS; round++) {
      sqlPages.push(await load(`${baselineUrl}/page`));
      floorPages.push(await load(floorUrl));
      apiPages.push(await load(apiUrl, headers));
    }
    await Promise.all([stop(api.child), stop(baseline.child), stop(floor.child)]);

    const sizes = [10, 50, 100];
    const counts = await statementsPerRequest(
      database.url,
      seeded.email,
      sizes,
      pageBody,
      (data) => data.assessments!.nodes,
    );
    const [apiSave, sqlSave, floorSave] = [median(apiSaves), median(sqlSaves), median(floorSaves)];
    const [apiPage, sqlPage, floorPage] = [median(apiPages), median(sqlPages), median(floorPages)];
    const portfolio = `${data.assessments} assessments, ${data.findings} findings`;
    return [
      {
        measure: `\`saveAnswers\` with ${BATCH_ANSWERS} answers by vendor contacts, ${CONNECTIONS} at once on their own assessments, ${DURATION_SECONDS} s`,
        baseline: `one INSERT … ON CONFLICT upsert with the revision check, from a bare Node handler: ${sqlSave.toFixed(0)} batches/s`,
        result: `GraphQL API (vendor session, row-level security, locks, revisions, audit): ${apiSave.toFixed(0)} batches/s`,
        ratio: apiSave / sqlSave,
        goal: 0.3,
        note: `median of ${ROUNDS} alternating rounds after a warm-up; every batch names the revisions it read and must apply`,
      },
      stackFloorResult({
        of: `\`saveAnswers\` with ${BATCH_ANSWERS} answers`,
        baselineLabel: 'one INSERT … ON CONFLICT upsert from a bare Node handler',
        unit: 'batches/s',
        baseline: sqlSave,
        floor: floorSave,
        api: apiSave,
      }),
      {
        measure: `\`assessments(first: ${PAGE})\` with overall score, open findings and vendor name, ${portfolio}, ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
        baseline: `one hand-written SQL query, JSON from a bare Node handler: ${sqlPage.toFixed(0)} req/s`,
        result: `GraphQL API (authentication, row-level security, DataLoaders): ${apiPage.toFixed(0)} req/s`,
        ratio: apiPage / sqlPage,
        goal: 0.33,
        note: `median of ${ROUNDS} alternating rounds after a warm-up; both answer byte-identical JSON`,
      },
      stackFloorResult({
        of: `\`assessments(first: ${PAGE})\``,
        baselineLabel: 'one hand-written SQL query, JSON from a bare Node handler',
        unit: 'req/s',
        baseline: sqlPage,
        floor: floorPage,
        api: apiPage,
      }),
      {
        measure: `SQL statements per \`assessments\` request at page sizes ${sizes.join(', ')}`,
        ...statementCounts(sizes, counts),
        ratio: counts[0]! / Math.max(...counts),
        goal: 1,
        note: "the page with each vendor's name and open finding count, read alone as a prepared statement behind the role and tenant, in one round trip (no transaction to begin or end); equal at every size means no statement per row",
      },
    ];
  } finally {
    await Promise.all([stop(api.child), stop(baseline.child), stop(floor.child)]);
    await plain.drop();
  }
}
