import pg from 'pg';
import { CATALOG_OF_REGIME } from '#agreement';
import { newId } from '#core';
import {
  AccessLevel,
  DEFAULT_RISK_RUBRIC,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  VolumeBand,
  computeInherentRisk,
  type DataProfile,
} from '#vendor';
import { median, type BenchDatabase } from './bench-env.js';
import { postJson, requestRate, sameAnswers, startApi, startBaseline, stop } from './processes.js';
import { stackFloorResult, type BenchResult } from './report.js';
import { benchAccessToken, statementCounts, statementsPerRequest } from './statements.js';
import { copyWithoutRowLevelSecurity, seedOrganization } from './seed.js';

const VENDORS = 10_000;
const MEMBERS = 20;
const PAGE = 50;
const DURATION_SECONDS = 6;
const ROUNDS = 3;
const CONNECTIONS = 10;
const BATCH = 1_000;

const QUERY = `query($first: Int) { vendors(first: $first) { nodes { id name tier
  riskOwner { user { email } }
  agreementCoverage { compliant regimes { regime status missingClauseIds } } } } }`;
const body = (first: number) => JSON.stringify({ query: QUERY, variables: { first } });

/** A small deterministic generator, so that every run seeds the same portfolio. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, values: readonly T[]): T =>
  values[Math.floor(next() * values.length)]!;
const some = <T>(next: () => number, values: readonly T[], chance: number): T[] =>
  values.filter(() => next() < chance);

/** VENDORS vendors with varied profiles, a third with a signed DPA, a third with a draft. */
export async function seedVendors(url: string, organizationId: string, memberIds: string[]) {
  const next = random(42);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', 'assay_system', true)`);
    for (let start = 0; start < VENDORS; start += BATCH) {
      const vendors: Record<string, unknown>[] = [];
      const agreements: Record<string, unknown>[] = [];
      const clauses: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(start + BATCH, VENDORS); i++) {
        const profile: DataProfile = {
          categories: some(next, Object.values(PersonalDataCategory), 0.2),
          otherSensitiveData: next() < 0.05,
          volume: pick(next, Object.values(VolumeBand)),
          accessLevel: pick(next, Object.values(AccessLevel)),
          processingRole: ProcessingRole.Processor,
          dataCountries: some(next, ['CN', 'US', 'DE', 'SG', 'IE', 'JP'], 0.3),
          dataSubjectRegions: some(next, Object.values(DataSubjectRegion), 0.3),
        };
        const risk = computeInherentRisk(
          { profile, subProcessorCountries: [] },
          DEFAULT_RISK_RUBRIC,
        );
        const id = newId();
        const name = `Vendor ${String(i).padStart(5, '0')}`;
        vendors.push({
          id,
          organization_id: organizationId,
          name,
          name_key: name.toLowerCase(),
          lifecycle: 'ACTIVE',
          risk_owner_id: memberIds[i % memberIds.length],
          data_categories: profile.categories,
          other_sensitive_data: profile.otherSensitiveData,
          volume_band: profile.volume,
          access_level: profile.accessLevel,
          processing_role: profile.processingRole,
          data_countries: profile.dataCountries,
          data_subject_regions: profile.dataSubjectRegions,
          sensitive_data: risk.sensitiveData,
          cross_border: risk.crossBorder,
          inherent_risk_score: risk.score,
          computed_tier: risk.tier,
          tier: risk.tier,
          risk_reasons: risk.reasons,
          risk_algorithm_version: risk.algorithmVersion,
          regimes: risk.regimes,
          requirements: risk.requirements,
        });
        if (i % 3 === 2) continue;
        const agreementId = newId();
        const signed = i % 3 === 0;
        agreements.push({
          id: agreementId,
          organization_id: organizationId,
          vendor_id: id,
          type: 'DPA',
          status: signed ? 'SIGNED' : 'DRAFT',
          title: `DPA with ${name}`,
          effective_date: signed ? '2026-01-01' : null,
          expiry_date: signed ? '2028-12-31' : null,
        });
        // Every clause reviewed for signed DPAs; one GDPR clause missing in every other one.
        for (const regime of Object.values(Regime)) {
          for (const entry of CATALOG_OF_REGIME[regime].clauses) {
            if (!signed) continue;
            const missing = i % 2 === 0 && entry.id === 'gdpr.28.3.h';
            clauses.push({
              id: newId(),
              organization_id: organizationId,
              agreement_id: agreementId,
              clause_id: entry.id,
              status: missing ? 'MISSING' : 'PRESENT',
            });
          }
        }
      }
      await client.query(
        `INSERT INTO vendor (id, organization_id, name, name_key, lifecycle, risk_owner_id,
           data_categories, other_sensitive_data, volume_band, access_level, processing_role,
           data_countries, data_subject_regions, sensitive_data, cross_border, inherent_risk_score,
           computed_tier, tier, risk_reasons, risk_algorithm_version, risk_rubric_version, regimes,
           requirements, version)
         SELECT id, organization_id, name, name_key, lifecycle, risk_owner_id, data_categories,
           other_sensitive_data, volume_band, access_level, processing_role, data_countries,
           data_subject_regions, sensitive_data, cross_border, inherent_risk_score, computed_tier,
           tier, risk_reasons, risk_algorithm_version, 0, regimes, requirements, 1
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, name varchar,
             name_key varchar, lifecycle varchar, risk_owner_id uuid, data_categories varchar[],
             other_sensitive_data boolean, volume_band varchar, access_level varchar,
             processing_role varchar, data_countries varchar[], data_subject_regions varchar[],
             sensitive_data boolean, cross_border boolean, inherent_risk_score smallint,
             computed_tier varchar, tier varchar, risk_reasons jsonb,
             risk_algorithm_version smallint, regimes varchar[], requirements jsonb)`,
        [JSON.stringify(vendors)],
      );
      await client.query(
        `INSERT INTO agreement (id, organization_id, vendor_id, type, status, title, effective_date,
           expiry_date, version)
         SELECT id, organization_id, vendor_id, type, status, title, effective_date, expiry_date, 1
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid, vendor_id uuid,
             type varchar, status varchar, title varchar, effective_date date, expiry_date date)`,
        [JSON.stringify(agreements)],
      );
      await client.query(
        `INSERT INTO agreement_clause (id, organization_id, agreement_id, clause_id, status)
         SELECT id, organization_id, agreement_id, clause_id, status
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, organization_id uuid,
             agreement_id uuid, clause_id varchar, status varchar)`,
        [JSON.stringify(clauses)],
      );
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** `vendors(first: 50)` with tier, owner and coverage: GraphQL vs one hand-written SQL query. */
export async function vendorList(database: BenchDatabase): Promise<BenchResult[]> {
  const seeded = await seedOrganization(database, MEMBERS);
  await seedVendors(database.url, seeded.organizationId, seeded.memberIds);
  const plain = await copyWithoutRowLevelSecurity(database);
  const api = await startApi(database.url);
  const baseline = await startBaseline('vendor-page-server.js', plain.url, seeded.organizationId);
  const floor = await startBaseline('stack-floor-server.js', plain.url, seeded.organizationId);
  try {
    const apiUrl = `${api.url}/graphql`;
    const baselineUrl = `${baseline.url}/`;
    const floorUrl = `${floor.url}/graphql`;
    const headers = { authorization: `Bearer ${await benchAccessToken(apiUrl, seeded.email)}` };

    // All three answer the same page before any is measured.
    await sameAnswers([
      await postJson(apiUrl, body(PAGE), headers),
      await postJson(baselineUrl, body(PAGE)),
      await postJson(floorUrl, body(PAGE)),
    ]);
    const load = (url: string, withHeaders: Record<string, string> = {}) =>
      requestRate(url, body(PAGE), {
        headers: withHeaders,
        connections: CONNECTIONS,
        seconds: DURATION_SECONDS,
      });
    await load(apiUrl, headers);
    await load(baselineUrl);
    await load(floorUrl);
    const [apiRates, sqlRates, floorRates]: [number[], number[], number[]] = [[], [], []];
    for (let round = 0; round < ROUNDS; round++) {
      sqlRates.push(await load(baselineUrl));
      floorRates.push(await load(floorUrl));
      apiRates.push(await load(apiUrl, headers));
    }
    const [apiRate, sqlRate, floorRate] = [median(apiRates), median(sqlRates), median(floorRates)];
    await Promise.all([stop(api.child), stop(baseline.child), stop(floor.child)]);

    const sizes = [10, 50, 100];
    const counts = await statementsPerRequest(
      database.url,
      seeded.email,
      sizes,
      body,
      (data) => data.vendors!.nodes,
    );
    return [
      {
        measure: `\`vendors(first: ${PAGE})\` with tier, risk owner and agreement coverage, ${VENDORS} vendors, ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
        baseline: `one hand-written SQL query, JSON from a bare Node handler: ${sqlRate.toFixed(0)} req/s`,
        result: `GraphQL API (authentication, row-level security, DataLoaders): ${apiRate.toFixed(0)} req/s`,
        ratio: apiRate / sqlRate,
        goal: 0.33,
        note: `median of ${ROUNDS} alternating rounds after a warm-up; both answer byte-identical JSON, and the baseline computes coverage with the same function`,
      },
      stackFloorResult({
        of: `\`vendors(first: ${PAGE})\``,
        baselineLabel: 'one hand-written SQL query, JSON from a bare Node handler',
        unit: 'req/s',
        baseline: sqlRate,
        floor: floorRate,
        api: apiRate,
      }),
      {
        measure: `SQL statements per \`vendors\` request at page sizes ${sizes.join(', ')}`,
        ...statementCounts(sizes, counts),
        ratio: counts[0]! / Math.max(...counts),
        goal: 1,
        note: 'the page with its owners, then the types, dates and clause statuses of their agreements, each read alone with the role and tenant in its message (no transaction to begin or end); equal at every size means no statement per row',
      },
    ];
  } finally {
    await Promise.all([stop(api.child), stop(baseline.child), stop(floor.child)]);
    await plain.drop();
  }
}
