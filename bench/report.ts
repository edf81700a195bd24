import { cpus, totalmem, type } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';

export interface BenchResult {
  readonly measure: string;
  readonly baseline: string;
  readonly result: string;
  /** Result divided by baseline, in the same run. */
  readonly ratio: number;
  /** The least acceptable ratio, or null when the figure is only reported. */
  readonly goal: number | null;
  readonly note?: string;
}

function machine(): string {
  const cores = cpus();
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${memory} GiB, ${type()}, Node ${process.version}`;
}

/** Rewrites BENCHMARKS.md with one table of the results of this run. */
export async function writeReport(results: BenchResult[], file = 'BENCHMARKS.md'): Promise<string> {
  const rows = results.map((r) => {
    const met = r.goal === null ? 'reported' : r.ratio >= r.goal ? 'met' : 'not met';
    const goal = r.goal === null ? '-' : `≥ ${r.goal}×`;
    return `| ${r.measure} | ${r.baseline} | ${r.result} | ${r.ratio.toFixed(2)}× | ${goal} | ${met} |`;
  });
  const notes = results.filter((r) => r.note).map((r) => `- ${r.measure}: ${r.note}.`);
  const text = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (needs the same PostgreSQL and Redis as `npm test`). Every figure is',
    'a ratio against a baseline measured in the same run on the same machine, so runs on',
    'different machines compare; the absolute numbers are for orientation only.',
    '',
    `Last run: ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
    '| Measure | Baseline | Result | Ratio | Goal | Status |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes,
    '',
  ].join('\n');
  const previous = await readFile(file, 'utf8').catch(() => '');
  if (previous !== text) await writeFile(file, text);
  return text;
}
