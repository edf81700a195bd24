import 'reflect-metadata';
import pg from 'pg';
import { BENCH_DATABASE_URL, createBenchDatabase, type BenchDatabase } from './bench-env.js';
import { prepareDataset, type BenchDataset } from './dataset.js';
import { graphqlOverhead } from './graphql-overhead.bench.js';
import { outboxThroughput } from './outbox-throughput.bench.js';
import { portfolioBenchmarks } from './portfolio.bench.js';
import { assessmentBenchmarks } from './assessments.bench.js';
import { questionnaireImport } from './questionnaires.bench.js';
import { scoringSpeed } from './scoring.bench.js';
import { securityOverhead } from './security.bench.js';
import { vendorList } from './vendors.bench.js';
import { writeReport, type BenchResult, type DatasetSummary } from './report.js';

/**
 * A benchmark runs either on a fresh, empty database of its own (it seeds what it needs) or on
 * the shared dataset of `bench/dataset.ts` (10,000 vendors, 100,000 assessments), which it must
 * only read.
 */
type Benchmark =
  | {
      readonly name: string;
      readonly on: 'own-database';
      readonly run: (database: BenchDatabase) => Promise<BenchResult[]>;
    }
  | {
      readonly name: string;
      readonly on: 'dataset';
      readonly run: (dataset: BenchDataset) => Promise<BenchResult[]>;
    };

/**
 * Every benchmark, in the order of BENCHMARKS.md. A benchmark on the shared dataset is added as
 * `{ name: 'portfolio', on: 'dataset', run: portfolioBenchmarks }`.
 */
const BENCHMARKS: readonly Benchmark[] = [
  { name: 'outbox', on: 'own-database', run: outboxThroughput },
  { name: 'graphql', on: 'own-database', run: graphqlOverhead },
  { name: 'security', on: 'own-database', run: securityOverhead },
  { name: 'vendors', on: 'own-database', run: vendorList },
  { name: 'questionnaires', on: 'own-database', run: questionnaireImport },
  { name: 'scoring', on: 'own-database', run: scoringSpeed },
  { name: 'assessments', on: 'own-database', run: assessmentBenchmarks },
  { name: 'portfolio', on: 'dataset', run: portfolioBenchmarks },
];

/** `dataset` alone prepares (or checks) the shared dataset and reports it. */
const DATASET = 'dataset';

/**
 * The benchmarks named by `--only a,b` (or `--only=a`, or BENCH_ONLY=a,b), by short name or by
 * function name; null runs them all.
 */
function selection(args: readonly string[]): Set<string> | null {
  const names: string[] = [];
  args.forEach((arg, index) => {
    if (arg === '--only') names.push(...(args[index + 1] ?? '').split(','));
    else if (arg.startsWith('--only=')) names.push(...arg.slice('--only='.length).split(','));
  });
  if (names.length === 0 && process.env.BENCH_ONLY)
    names.push(...process.env.BENCH_ONLY.split(','));
  const wanted = names.map((name) => name.trim()).filter(Boolean);
  if (wanted.length === 0) return null;
  const known = [...BENCHMARKS.map((bench) => bench.name), DATASET];
  const unknown = wanted.filter(
    (name) => !known.includes(name) && !BENCHMARKS.some((bench) => bench.run.name === name),
  );
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return new Set(
    wanted.map((name) => BENCHMARKS.find((bench) => bench.run.name === name)?.name ?? name),
  );
}

async function postgresVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version.split(' ')[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

function summary(dataset: BenchDataset): DatasetSummary {
  const { counts, neighbourCounts } = dataset;
  const number = (value: number) => value.toLocaleString('en-US');
  const minutes = Math.floor(dataset.generationSeconds / 60);
  const seconds = Math.round(dataset.generationSeconds % 60);
  return {
    line:
      `Shared dataset (\`bench/dataset.ts\`, anchored on ${dataset.anchor}): one organization with ` +
      `${number(counts.vendors)} vendors, ${number(counts.assessments)} assessments, ` +
      `${number(counts.answers)} answers, ${number(counts.sectionScores)} section scores, ` +
      `${number(counts.findings)} findings and ${number(counts.agreements)} agreements ` +
      `(${number(counts.clauses)} clause rows), beside a neighbour with ` +
      `${number(neighbourCounts.vendors)} vendors and ${number(neighbourCounts.assessments)} assessments; ` +
      `generated and loaded (migrations, indexes and row-level security in place, then VACUUM ANALYZE) ` +
      `in ${minutes} min ${seconds} s on ${dataset.generatedAt.slice(0, 10)}, reused by later runs.`,
  };
}

/** npm run bench [-- --only name[,name]] [-- --regenerate-dataset]: benchmarks, then BENCHMARKS.md. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = selection(args);
  const selected = BENCHMARKS.filter((bench) => !only || only.has(bench.name));
  const needsDataset =
    !only || only.has(DATASET) || selected.some((bench) => bench.on === 'dataset');
  const results: BenchResult[] = [];
  let dataset: BenchDataset | null = null;
  if (needsDataset) {
    dataset = await prepareDataset({
      regenerate:
        args.includes('--regenerate-dataset') || process.env.BENCH_DATASET_REGENERATE === '1',
      log: (line) => console.log(line),
    });
  }
  const database = selected.some((bench) => bench.on === 'own-database')
    ? await createBenchDatabase()
    : null;
  try {
    for (const bench of selected) {
      const rows = bench.on === 'dataset' ? await bench.run(dataset!) : await bench.run(database!);
      for (const result of rows) {
        console.log(
          `${result.measure}: ${result.result} vs ${result.baseline} = ${result.ratio.toFixed(2)}×`,
        );
        results.push({ ...result, bench: bench.name });
      }
    }
  } finally {
    await database?.drop();
  }
  console.log(
    await writeReport(results, 'BENCHMARKS.md', {
      partial: only !== null,
      ran: selected.map((bench) => bench.name),
      order: BENCHMARKS.map((bench) => bench.name),
      postgres: await postgresVersion(),
      dataset: dataset ? summary(dataset) : null,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
