import pg from 'pg';
import { Clock, RequestContext, type TransactionalConnection } from '#core';
import { PortfolioService } from '#reporting';
import { median } from './bench-env.js';
import type { BenchDataset } from './dataset.js';
import { postJson, startApi, stop } from './processes.js';
import type { BenchResult } from './report.js';
import { benchAccessToken } from './statements.js';

const ROUNDS = 15;
const WARM_UP = 3;
const WITHIN_DAYS = 60;

const OVERVIEW = `query($withinDays: Int) { portfolioOverview {
  asOf
  heatMap { tier rating vendors }
  assessmentsByStatus { status assessments overdue }
  sectionAverages { sectionKey title { en zhCN } average assessments byTier { tier average assessments } }
  openFindings { severity ageBand findings }
  expiringAgreements(withinDays: $withinDays) { withinDays agreements vendors }
  complianceGaps { missingAgreement missingImpactAssessment }
  assessmentCadence { neverAssessed pastDue }
} }`;

/**
 * The baseline: the same SQL statements the API runs for the overview, sent one after another
 * on one plain connection as the system role (no HTTP, framework, authentication, transaction
 * or row-level security; every statement names the organization itself).
 */
async function rawOverview(service: PortfolioService, ctx: RequestContext): Promise<unknown> {
  const filter = {};
  return {
    heatMap: await service.heatMap(ctx, filter),
    assessmentsByStatus: await service.assessmentsByStatus(ctx, filter),
    sectionAverages: await service.sectionAverages(ctx, filter),
    openFindings: await service.openFindings(ctx, filter),
    expiringAgreements: await service.expiringAgreements(ctx, filter, WITHIN_DAYS),
    complianceGaps: await service.complianceGaps(ctx, filter),
    assessmentCadence: await service.assessmentCadence(ctx, filter),
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** `portfolioOverview` on the full dataset through GraphQL vs the raw SQL for the same figures. */
export async function portfolioBenchmarks(dataset: BenchDataset): Promise<BenchResult[]> {
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  await client.query(`SELECT set_config('role', 'assay_system', false)`);
  const connection = {
    manager: async () => ({
      query: async (sql: string, values: unknown[]) => (await client.query(sql, values)).rows,
    }),
  } as unknown as TransactionalConnection;
  const service = new PortfolioService(connection, new Clock());
  const ctx = RequestContext.system('bench', 'portfolio', dataset.organizationId);
  const api = await startApi(dataset.url);
  try {
    const graphqlUrl = `${api.url}/graphql`;
    const token = await benchAccessToken(graphqlUrl, dataset.riskOwner.email);
    const body = JSON.stringify({ query: OVERVIEW, variables: { withinDays: WITHIN_DAYS } });
    const viaApi = async () => {
      const answer = await postJson(graphqlUrl, body, { authorization: `Bearer ${token}` });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer;
    };
    // Both must give the same figures before either is timed.
    const [api0, raw0] = [await viaApi(), await rawOverview(service, ctx)];
    const { asOf: _asOf, ...figures } = (api0.data as { portfolioOverview: { asOf: string } })
      .portfolioOverview;
    const raw = JSON.parse(JSON.stringify(raw0)) as Record<string, unknown>;
    if (
      JSON.stringify((figures as Record<string, unknown>).heatMap) !== JSON.stringify(raw.heatMap)
    ) {
      throw new Error('The API and the raw SQL disagree on the heat map');
    }
    for (let i = 0; i < WARM_UP; i++) {
      await viaApi();
      await rawOverview(service, ctx);
    }
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      apiTimes.push(await timed(viaApi));
      rawTimes.push(await timed(() => rawOverview(service, ctx)));
    }
    const [apiMs, rawMs] = [median(apiTimes), median(rawTimes)];
    const vendors = dataset.scale.vendors.toLocaleString('en');
    const assessments = dataset.scale.assessments.toLocaleString('en');
    return [
      {
        measure: `\`portfolioOverview\` (every figure) on ${vendors} vendors and ${assessments} assessments, one request at a time`,
        baseline: `the same 7 SQL statements on one plain connection: ${rawMs.toFixed(0)} ms`,
        result: `GraphQL API (risk owner, row-level security, the request's unit of work): ${apiMs.toFixed(0)} ms`,
        ratio: rawMs / apiMs,
        goal: 0.5,
        note: `medians of ${ROUNDS} alternating rounds after ${WARM_UP} warm-ups; the goal is also under 200 ms per request (${apiMs < 200 ? 'met' : 'not met'}: ${apiMs.toFixed(0)} ms); every figure is computed live by one aggregate statement`,
      },
    ];
  } finally {
    await stop(api.child);
    await client.end();
  }
}
