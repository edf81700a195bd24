import { readFile, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem, type } from 'node:os';

export interface BenchResult {
  readonly measure: string;
  readonly baseline: string;
  readonly result: string;
  /** Result divided by baseline, in the same run. */
  readonly ratio: number;
  /** The least acceptable ratio, or null when the figure is only reported. */
  readonly goal: number | null;
  readonly note?: string;
  /** The benchmark that measured it (set by the runner). */
  readonly bench?: string;
}

/**
 * The row of a stack-floor measurement: the baseline's own SQL served through the stack alone
 * (bench/stack-floor-server.ts), measured in the same rounds as Assay and the baseline.
 */
export function stackFloorResult(rates: {
  /** What was measured, as the row of Assay's own figure names it. */
  of: string;
  /** The bare baseline, as its row describes it. */
  baselineLabel: string;
  unit: string;
  baseline: number;
  floor: number;
  api: number;
}): BenchResult {
  return {
    measure: `${rates.of}, from the baseline's SQL through the stack alone (NestJS, Apollo Server, Express, TypeORM's pool)`,
    baseline: `${rates.baselineLabel}: ${rates.baseline.toFixed(0)} ${rates.unit}`,
    result: `stack floor: ${rates.floor.toFixed(0)} ${rates.unit} (Assay reaches ${((100 * rates.api) / rates.floor).toFixed(0)}% of it)`,
    ratio: rates.floor / rates.baseline,
    goal: null,
    note: 'measured in the same alternating rounds; nothing of Assay (no authentication, row-level security, transaction, validation, logging or metrics), so no API on this stack can go above this ratio, and a goal above it is out of reach (bench/stack-floor-server.ts)',
  };
}

/** One paragraph on the shared dataset, under the machine line. */
export interface DatasetSummary {
  readonly line: string;
}

export interface ReportOptions {
  /** A run of some benchmarks only: their rows replace their earlier ones, the rest stay. */
  readonly partial?: boolean;
  /** The benchmarks that ran, in table order (all of them, in a full run). */
  readonly ran?: readonly string[];
  /** Every benchmark, in table order. */
  readonly order?: readonly string[];
  /** PostgreSQL's version, for the machine line. */
  readonly postgres?: string | null;
  /** The shared dataset, when this run used it; otherwise an earlier line stays. */
  readonly dataset?: DatasetSummary | null;
}

const DATASET_PREFIX = 'Shared dataset ';
const ROW_MAP = /^<!-- bench-rows (.*) -->$/;

async function operatingSystem(): Promise<string> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1];
  return pretty ? `${pretty} (${type()} ${release()})` : `${type()} ${release()}`;
}

/** CPU model and count, memory, operating system, Node and PostgreSQL. */
export async function machine(postgres: string | null = null): Promise<string> {
  const cores = cpus();
  const memory = Math.round(totalmem() / 2 ** 30);
  return [
    `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}`,
    `${memory} GiB`,
    await operatingSystem(),
    `Node ${process.version}`,
    `PostgreSQL ${postgres ?? 'unknown'}`,
  ].join(', ');
}

interface Entry {
  readonly measure: string;
  readonly row: string;
  note?: string;
  bench?: string;
}

/** The table rows, notes, dataset line and row owners of a report. */
function parse(text: string): { entries: Entry[]; dataset: string | null } {
  const lines = text.split('\n');
  const owners = new Map<string, string>();
  for (const line of lines) {
    const found = ROW_MAP.exec(line);
    if (found) {
      for (const [measure, bench] of Object.entries(
        JSON.parse(found[1]!) as Record<string, string>,
      ))
        owners.set(measure, bench);
    }
  }
  const entries: Entry[] = [];
  for (const line of lines) {
    const cells = line.split(' | ');
    if (
      line.startsWith('| ') &&
      cells.length === 6 &&
      !line.startsWith('| Measure') &&
      !line.startsWith('| ---')
    ) {
      const measure = cells[0]!.slice(2);
      entries.push({ measure, row: line, bench: owners.get(measure) });
    }
  }
  for (const line of lines) {
    for (const entry of entries) if (line.startsWith(`- ${entry.measure}: `)) entry.note = line;
  }
  return { entries, dataset: lines.find((line) => line.startsWith(DATASET_PREFIX)) ?? null };
}

/**
 * Rewrites BENCHMARKS.md as one table (measure, baseline, result, ratio, goal, met or not) with
 * the machine it ran on. A partial run (`--only`) replaces the rows of the benchmarks it ran and
 * keeps the others, each still a ratio measured within one run.
 */
export async function writeReport(
  results: BenchResult[],
  file = 'BENCHMARKS.md',
  options: ReportOptions = {},
): Promise<string> {
  const previous = await readFile(file, 'utf8').catch(() => '');
  const earlier = parse(previous);
  const fresh: Entry[] = results.map((r) => {
    const met = r.goal === null ? 'reported' : r.ratio >= r.goal ? 'met' : 'not met';
    const goal = r.goal === null ? '-' : `≥ ${r.goal}×`;
    return {
      measure: r.measure,
      row: `| ${r.measure} | ${r.baseline} | ${r.result} | ${r.ratio.toFixed(2)}× | ${goal} | ${met} |`,
      note: r.note ? `- ${r.measure}: ${r.note}.` : undefined,
      bench: r.bench,
    };
  });
  const ran = new Set(options.ran ?? []);
  const kept = options.partial
    ? earlier.entries.filter(
        (entry) =>
          !(entry.bench && ran.has(entry.bench)) &&
          !fresh.some((other) => other.measure === entry.measure),
      )
    : [];
  const order = options.order ?? [];
  const rank = (entry: Entry) => {
    const index = entry.bench ? order.indexOf(entry.bench) : -1;
    return index === -1 ? order.length : index;
  };
  // Stable: rows of one benchmark keep their order, benchmarks follow the runner's order.
  const entries = [...kept, ...fresh].sort((a, b) => rank(a) - rank(b));
  const owners = Object.fromEntries(
    entries.flatMap((entry) => (entry.bench ? [[entry.measure, entry.bench]] : [])),
  );
  const dataset = options.dataset?.line ?? (options.partial ? earlier.dataset : null);
  const text = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (needs the same PostgreSQL and Redis as `npm test`). Every figure is',
    'a ratio against a baseline measured in the same run on the same machine, so runs on',
    'different machines compare; the absolute numbers are for orientation only.',
    '`npm run bench -- --only <name>[,<name>]` reruns some benchmarks and replaces their rows only.',
    '',
    `Last run: ${new Date().toISOString().slice(0, 10)}${
      options.partial
        ? ` (only ${[...ran].join(', ') || 'the dataset'}; the other rows are from earlier runs)`
        : ''
    } on ${await machine(options.postgres ?? null)}.`,
    ...(dataset ? ['', dataset] : []),
    '',
    '| Measure | Baseline | Result | Ratio | Goal | Status |',
    '| --- | --- | --- | --- | --- | --- |',
    ...entries.map((entry) => entry.row),
    '',
    ...entries.flatMap((entry) => (entry.note ? [entry.note] : [])),
    '',
    `<!-- bench-rows ${JSON.stringify(owners)} -->`,
    '',
  ].join('\n');
  if (previous !== text) await writeFile(file, text);
  return text;
}
