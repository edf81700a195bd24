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

/** The table rows and notes of a report, by measure. */
function parse(text: string): Map<string, { row: string; note?: string }> {
  const entries = new Map<string, { row: string; note?: string }>();
  for (const line of text.split('\n')) {
    const cells = line.split(' | ');
    if (
      line.startsWith('| ') &&
      cells.length === 6 &&
      !line.startsWith('| Measure') &&
      !line.startsWith('| ---')
    )
      entries.set(cells[0]!.slice(2), { row: line });
  }
  for (const line of text.split('\n')) {
    for (const [measure, entry] of entries)
      if (line.startsWith(`- ${measure}: `)) entry.note = line;
  }
  return entries;
}

/**
 * Rewrites BENCHMARKS.md with the results of this run. A partial run (BENCH_ONLY) replaces its
 * own rows and keeps the others, each still a ratio measured within one run.
 */
export async function writeReport(
  results: BenchResult[],
  file = 'BENCHMARKS.md',
  partial = false,
): Promise<string> {
  const previous = await readFile(file, 'utf8').catch(() => '');
  const fresh = results.map((r) => {
    const met = r.goal === null ? 'reported' : r.ratio >= r.goal ? 'met' : 'not met';
    const goal = r.goal === null ? '-' : `≥ ${r.goal}×`;
    return {
      measure: r.measure,
      row: `| ${r.measure} | ${r.baseline} | ${r.result} | ${r.ratio.toFixed(2)}× | ${goal} | ${met} |`,
      note: r.note ? `- ${r.measure}: ${r.note}.` : undefined,
    };
  });
  const kept = partial
    ? [...parse(previous)].filter(([measure]) => !fresh.some((r) => r.measure === measure))
    : [];
  const entries = [...kept.map(([measure, entry]) => ({ measure, ...entry })), ...fresh];
  const rows = entries.map((entry) => entry.row);
  const notes = entries.flatMap((entry) => (entry.note ? [entry.note] : []));
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
  if (previous !== text) await writeFile(file, text);
  return text;
}
