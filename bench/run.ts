import 'reflect-metadata';
import { createBenchDatabase } from './bench-env.js';
import { graphqlOverhead } from './graphql-overhead.bench.js';
import { outboxThroughput } from './outbox-throughput.bench.js';
import { assessmentBenchmarks } from './assessments.bench.js';
import { questionnaireImport } from './questionnaires.bench.js';
import { scoringSpeed } from './scoring.bench.js';
import { securityOverhead } from './security.bench.js';
import { vendorList } from './vendors.bench.js';
import { writeReport, type BenchResult } from './report.js';

/** npm run bench: every benchmark, then BENCHMARKS.md. */
async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const results: BenchResult[] = [];
  try {
    const only = process.env.BENCH_ONLY;
    for (const bench of [
      outboxThroughput,
      graphqlOverhead,
      securityOverhead,
      vendorList,
      questionnaireImport,
      scoringSpeed,
      assessmentBenchmarks,
    ].filter((b) => !only || b.name === only)) {
      for (const result of await bench(database)) {
        console.log(
          `${result.measure}: ${result.result} vs ${result.baseline} = ${result.ratio.toFixed(2)}×`,
        );
        results.push(result);
      }
    }
  } finally {
    await database.drop();
  }
  console.log(await writeReport(results, 'BENCHMARKS.md', Boolean(process.env.BENCH_ONLY)));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
