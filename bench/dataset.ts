/**
 * The shared benchmark dataset: one organization with a realistic portfolio (10,000 vendors,
 * 100,000 assessments over two years, about 2 million answers, scored by the real scoring),
 * and a small neighbouring organization that row-level security must keep out of its figures.
 *
 * `prepareDataset()` keeps it in its own database (`assay_bench_dataset`) and reuses it while
 * the generator version, scale, seed and migrations are unchanged and it is under a month old,
 * so repeated `npm run bench` runs load it once. Benchmarks read it; they must not change it
 * (signing in, which adds a session, is fine).
 */
import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS, Role, buildDataSourceOptions, runMigrations } from '#core';
import { ARGON2_OPTIONS } from '#identity';
import { BENCH_DATABASE_URL } from './bench-env.js';
import {
  Random,
  generatePortfolio,
  type GeneratedMember,
  type GeneratedPortfolio,
  type OrganizationSpec,
  type PortfolioScale,
  type Row,
} from './dataset-portfolio.js';
import { BENCH_PASSWORD } from './seed.js';

export { datasetDefinition, type PortfolioScale } from './dataset-portfolio.js';

/** Bump when the generator's output changes: a stored dataset of another version is rebuilt. */
export const DATASET_GENERATOR_VERSION = 3;

/** The size the reporting issue asks for. */
export const DATASET_SCALE: PortfolioScale = {
  vendors: 10_000,
  assessments: 100_000,
  patterns: 300,
};
export const DATASET_SEED = 20_261;
/** A stored dataset older than this is rebuilt, so that "due soon" and "overdue" stay current. */
export const DATASET_MAX_AGE_DAYS = 30;
/** Every member signs in with this password. */
export const DATASET_PASSWORD = BENCH_PASSWORD;

export type DatasetMember = GeneratedMember;

/** Rows of one organization. */
export interface DatasetCounts {
  readonly vendors: number;
  readonly contacts: number;
  readonly agreements: number;
  readonly clauses: number;
  readonly assessments: number;
  readonly answers: number;
  readonly sectionScores: number;
  readonly findings: number;
}

/** What a benchmark needs to sign in to the dataset and query it. */
export interface BenchDataset {
  /**
   * The dataset database as its owner. Tenant tables force row-level security, so a query sees
   * rows only after `set_config('role', 'assay_app', true)` with `app.organization_id` (what the
   * API does), or `set_config('role', 'assay_system', true)` (every organization: a raw SQL
   * baseline must then filter by organization itself). `startApi(url)` serves it.
   */
  readonly url: string;
  readonly database: string;
  readonly organizationId: string;
  readonly organizationName: string;
  /** Every member's password. */
  readonly password: string;
  readonly admin: DatasetMember;
  /** The risk owner of the most vendors. */
  readonly riskOwner: DatasetMember;
  readonly procurement: DatasetMember;
  readonly viewer: DatasetMember;
  readonly members: readonly DatasetMember[];
  /** The other organization: its rows must never show in this one's figures. */
  readonly neighbourOrganizationId: string;
  /** The published questionnaire version every assessment pins. */
  readonly templateVersionId: string;
  /** `YYYY-MM-DD`: the day the dataset was made for ("today" in its dates). */
  readonly anchor: string;
  readonly scale: PortfolioScale;
  readonly counts: DatasetCounts;
  readonly neighbourCounts: DatasetCounts;
  /** When it was generated, and how long loading took (seconds, generation to ANALYZE). */
  readonly generatedAt: string;
  readonly generationSeconds: number;
  /** True when this call generated it, false when a stored one was reused. */
  readonly generated: boolean;
}

export interface DatasetOptions {
  /** A role allowed to create databases, on the server to use; BENCH_DATABASE_URL by default. */
  readonly serverUrl?: string;
  /** BENCH_DATASET_DATABASE, or `assay_bench_dataset`. */
  readonly database?: string;
  readonly scale?: PortfolioScale;
  readonly seed?: number;
  /** Pins the dataset's "today" (`YYYY-MM-DD`); by default the day it is generated. */
  readonly anchor?: string;
  /** Rebuild even when a matching dataset is stored. */
  readonly regenerate?: boolean;
  readonly log?: (line: string) => void;
}

const MAIN_ROLES: OrganizationSpec['roles'] = [
  [Role.Admin, 2],
  [Role.Procurement, 3],
  [Role.RiskOwner, 8],
  [Role.Viewer, 4],
];
const NEIGHBOUR_ROLES: OrganizationSpec['roles'] = [
  [Role.Admin, 1],
  [Role.Procurement, 1],
  [Role.RiskOwner, 2],
  [Role.Viewer, 1],
];

/** The main organization at `scale` and its neighbour at a hundredth of it. */
export function datasetOrganizations(scale: PortfolioScale): OrganizationSpec[] {
  const vendors = Math.max(10, Math.round(scale.vendors / 100));
  return [
    {
      key: 'portfolio',
      name: 'Bench Portfolio Ltd',
      emailDomain: 'portfolio.bench.example',
      roles: MAIN_ROLES,
      scale,
    },
    {
      key: 'neighbour',
      name: 'Neighbour Trading Co',
      emailDomain: 'neighbour.bench.example',
      roles: NEIGHBOUR_ROLES,
      scale: {
        vendors,
        assessments: Math.max(3 * vendors, Math.round(scale.assessments / 100)),
        patterns: scale.patterns,
      },
    },
  ];
}

/** The dataset database, generated now or reused, with what a benchmark needs to use it. */
export async function prepareDataset(options: DatasetOptions = {}): Promise<BenchDataset> {
  Logger.overrideLogger(['error']);
  const log = options.log ?? (() => {});
  const serverUrl = options.serverUrl ?? BENCH_DATABASE_URL;
  const database = options.database ?? process.env.BENCH_DATASET_DATABASE ?? 'assay_bench_dataset';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
    throw new Error(`Not a plain database name: ${database}`);
  const scale = options.scale ?? DATASET_SCALE;
  const seed = options.seed ?? DATASET_SEED;
  const key = datasetKey(scale, seed);
  const url = databaseUrl(serverUrl, database);

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Two runs at once: the second waits for the first's dataset, then reuses it.
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [`assay-bench-dataset:${database}`]);
    const exists =
      (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).rowCount !==
      0;
    if (exists && !options.regenerate) {
      const stored = await readMarker(url);
      const age = stored ? (Date.now() - Date.parse(`${stored.anchor}T00:00:00Z`)) / 86_400_000 : 0;
      const why = !stored
        ? 'it is incomplete'
        : stored.key !== key
          ? 'the generator, scale or migrations changed'
          : options.anchor !== undefined && stored.anchor !== options.anchor
            ? `it was made for ${stored.anchor}, not ${options.anchor}`
            : options.anchor === undefined && age > DATASET_MAX_AGE_DAYS
              ? `it is ${Math.floor(age)} days old`
              : null;
      if (stored && why === null) {
        log(`Reusing the dataset in ${database} (generated ${stored.generatedAt.slice(0, 10)})`);
        return { ...stored.dataset, url, database, generated: false };
      }
      log(`Rebuilding the dataset in ${database}: ${why}`);
    }
    const started = performance.now();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    const dataSource = new DataSource(
      buildDataSourceOptions({
        url,
        poolSize: 1,
        applicationName: 'assay-bench-dataset',
        migrations: MIGRATIONS,
      }),
    );
    await dataSource.initialize();
    try {
      await runMigrations(dataSource, { lock: false });
    } finally {
      await dataSource.destroy();
    }
    const anchor = options.anchor ?? new Date().toISOString().slice(0, 10);
    const loaded = await loadDataset(url, { scale, seed, anchor, log });
    const generationSeconds = (performance.now() - started) / 1000;
    const dataset: BenchDataset = {
      ...loaded,
      url,
      database,
      generatedAt: new Date().toISOString(),
      generationSeconds,
      generated: true,
    };
    await writeMarker(url, key, dataset);
    log(`Dataset ready in ${database}: ${generationSeconds.toFixed(0)} s in all`);
    return dataset;
  } finally {
    await admin.query(`SELECT pg_advisory_unlock_all()`).catch(() => {});
    await admin.end();
  }
}

/** What a stored dataset must match: generator, scale, seed and the schema's migrations. */
function datasetKey(scale: PortfolioScale, seed: number): string {
  const migrations = MIGRATIONS.map((migration) => migration.name);
  return createHash('sha256')
    .update(JSON.stringify({ version: DATASET_GENERATOR_VERSION, scale, seed, migrations }))
    .digest('hex');
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

interface Marker {
  readonly key: string;
  readonly anchor: string;
  readonly generatedAt: string;
  readonly dataset: Omit<BenchDataset, 'url' | 'database' | 'generated'>;
}

/** The marker row a complete dataset ends with; null when there is none. */
async function readMarker(url: string): Promise<Marker | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const present = await client.query(
      `SELECT to_regclass('bench_dataset') IS NOT NULL AS present`,
    );
    if (!present.rows[0]?.present) return null;
    const { rows } = await client.query<{ key: string; dataset: Marker['dataset'] }>(
      `SELECT key, dataset FROM bench_dataset ORDER BY generated_at DESC LIMIT 1`,
    );
    const row = rows[0];
    return row
      ? {
          key: row.key,
          anchor: row.dataset.anchor,
          generatedAt: row.dataset.generatedAt,
          dataset: row.dataset,
        }
      : null;
  } finally {
    await client.end();
  }
}

async function writeMarker(url: string, key: string, dataset: BenchDataset): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_dataset (
      key varchar(64) NOT NULL,
      generator_version integer NOT NULL,
      generated_at timestamptz NOT NULL,
      dataset jsonb NOT NULL)`);
    await client.query(
      `COMMENT ON TABLE bench_dataset IS 'Written last by bench/dataset.ts: the dataset is complete. Not part of the application schema.'`,
    );
    const { url: _url, database: _database, generated: _generated, ...stored } = dataset;
    await client.query(
      `INSERT INTO bench_dataset (key, generator_version, generated_at, dataset) VALUES ($1, $2, $3, $4)`,
      [key, DATASET_GENERATOR_VERSION, dataset.generatedAt, JSON.stringify(stored)],
    );
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadOptions {
  readonly scale: PortfolioScale;
  readonly seed: number;
  readonly anchor: string;
  readonly log?: (line: string) => void;
}

export type LoadedDataset = Omit<
  BenchDataset,
  'url' | 'database' | 'generatedAt' | 'generationSeconds' | 'generated'
>;

/**
 * Generates the dataset into `url`, a migrated database with no tenants yet, with its indexes
 * and row-level security in place, then vacuums and analyzes what it wrote. Deterministic:
 * the same options give the same rows.
 */
export async function loadDataset(url: string, options: LoadOptions): Promise<LoadedDataset> {
  const log = options.log ?? (() => {});
  let lap = performance.now();
  const step = (what: string) => {
    const now = performance.now();
    log(`  ${what} (${((now - lap) / 1000).toFixed(1)} s)`);
    lap = now;
  };
  // One password hash for every member, with a salt from the seed: the same bytes every time.
  const salt = new Random(options.seed, 'salt');
  const passwordHash = await hash(DATASET_PASSWORD, {
    ...ARGON2_OPTIONS,
    salt: Uint8Array.from({ length: 16 }, () => Math.floor(salt.next() * 256)),
  });
  const specs = datasetOrganizations(options.scale);
  const portfolio = generatePortfolio(
    specs,
    options.scale.patterns,
    options.seed,
    options.anchor,
    passwordHash,
  );
  step(`generated the rows in memory`);

  const client = new pg.Client({ connectionString: url, application_name: 'assay-bench-dataset' });
  await client.connect();
  try {
    await client.query(`SET work_mem = '64MB'`);
    await client.query('BEGIN');
    // Tenant tables force row-level security: write as the platform's own role, as jobs do.
    await client.query(`SELECT set_config('role', 'assay_system', true)`);
    await loadPatterns(client, portfolio);
    for (const organization of portfolio.organizations) {
      const { rows } = organization;
      const insert = async (table: string, columns: Columns, data: Row[]) => {
        await insertRows(client, table, columns, data);
        step(`${organization.name}: ${data.length} ${table} rows`);
      };
      await insert('organization', ORGANIZATION_COLUMNS, rows.organization);
      await insert('app_user', USER_COLUMNS, rows.users);
      await insert('membership', MEMBERSHIP_COLUMNS, rows.memberships);
      await insert('questionnaire_template', TEMPLATE_COLUMNS, rows.templates);
      await insert('template_version', VERSION_COLUMNS, rows.versions);
      await insert('vendor', VENDOR_COLUMNS, rows.vendors);
      await insert('vendor_contact', CONTACT_COLUMNS, rows.contacts);
      await insert('agreement', AGREEMENT_COLUMNS, rows.agreements);
      await insert('agreement_clause', CLAUSE_COLUMNS, rows.clauses);
      await loadAssessments(client, rows.assessments, step, organization.name);
      await insert('finding', FINDING_COLUMNS, rows.findings);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }

  // As autovacuum would have left a live database: visibility map set, statistics current.
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query(`VACUUM (ANALYZE) ${LOADED_TABLES.join(', ')}`);
    step('VACUUM (ANALYZE)');
  } finally {
    await owner.end();
  }
  const [main, neighbour] = portfolio.organizations;
  const counts = await countRows(
    url,
    portfolio.organizations.map((organization) => organization.organizationId),
  );
  const riskOwner = mostVendors(main!);
  const member = (role: Role) => main!.members.find((candidate) => candidate.role === role)!;
  return {
    organizationId: main!.organizationId,
    organizationName: main!.name,
    password: DATASET_PASSWORD,
    admin: member(Role.Admin),
    riskOwner,
    procurement: member(Role.Procurement),
    viewer: member(Role.Viewer),
    members: main!.members,
    neighbourOrganizationId: neighbour!.organizationId,
    templateVersionId: main!.templateVersionId,
    anchor: options.anchor,
    scale: options.scale,
    counts: counts[0]!,
    neighbourCounts: counts[1]!,
  };
}

const LOADED_TABLES = [
  'organization',
  'app_user',
  'membership',
  'questionnaire_template',
  'template_version',
  'vendor',
  'vendor_contact',
  'agreement',
  'agreement_clause',
  'assessment',
  'answer',
  'assessment_section_score',
  'vendor_section_score',
  'finding',
];

function mostVendors(organization: GeneratedPortfolio['organizations'][number]): DatasetMember {
  const owned = new Map<string, number>();
  for (const vendor of organization.rows.vendors) {
    const id = vendor.risk_owner_id as string | null;
    if (id) owned.set(id, (owned.get(id) ?? 0) + 1);
  }
  const [top] = [...owned].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return organization.members.find((member) => member.membershipId === top?.[0])!;
}

/**
 * The answer patterns in temporary tables: answers, section scores and score documents are
 * then written by SQL joins instead of crossing the wire two million times.
 */
async function loadPatterns(client: pg.Client, portfolio: GeneratedPortfolio): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE bench_pattern_answer (
      pattern integer NOT NULL, ordinal integer NOT NULL, question_key varchar(128) NOT NULL,
      value jsonb, not_applicable boolean NOT NULL, comment text) ON COMMIT DROP`);
  await client.query(`CREATE TEMPORARY TABLE bench_pattern_section (
      pattern integer NOT NULL, section_key varchar(128) NOT NULL, title jsonb NOT NULL,
      weight numeric(8,3) NOT NULL, score numeric(5,2)) ON COMMIT DROP`);
  await client.query(`CREATE TEMPORARY TABLE bench_pattern_score (
      pattern integer PRIMARY KEY, score jsonb NOT NULL) ON COMMIT DROP`);
  await insertRows(
    client,
    'bench_pattern_answer',
    [
      ['pattern', 'int'],
      ['ordinal', 'int'],
      ['question_key', 'text'],
      ['value', 'jsonb'],
      ['not_applicable', 'bool'],
      ['comment', 'text'],
    ],
    portfolio.patterns.flatMap((pattern) =>
      pattern.answers.map((answer, ordinal) => ({
        pattern: pattern.index,
        ordinal,
        question_key: answer.questionKey,
        value: answer.value,
        not_applicable: answer.notApplicable,
        comment: answer.comment,
      })),
    ),
  );
  await insertRows(
    client,
    'bench_pattern_section',
    [
      ['pattern', 'int'],
      ['section_key', 'text'],
      ['title', 'jsonb'],
      ['weight', 'numeric'],
      ['score', 'numeric'],
    ],
    portfolio.patterns.flatMap((pattern) =>
      pattern.sections.map((section) => ({
        pattern: pattern.index,
        section_key: section.key,
        title: section.title,
        weight: section.weight,
        score: section.score,
      })),
    ),
  );
  await insertRows(
    client,
    'bench_pattern_score',
    [
      ['pattern', 'int'],
      ['score', 'jsonb'],
    ],
    portfolio.patterns.map((pattern) => ({ pattern: pattern.index, score: pattern.score })),
  );
  await client.query(`ANALYZE bench_pattern_answer, bench_pattern_section, bench_pattern_score`);
}

/** Assessments with their score documents, answers and section scores. */
async function loadAssessments(
  client: pg.Client,
  rows: Row[],
  step: (what: string) => void,
  organization: string,
): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE bench_assessment (
      ${ASSESSMENT_COLUMNS.map(([name, kind]) => `${name} ${TEMP_TYPE[kind]}`).join(', ')},
      pattern integer NOT NULL, scored boolean NOT NULL, answered integer NOT NULL,
      answer_from timestamptz, answer_to timestamptz, answered_by text,
      previous_id uuid, previous_pattern integer, previous_from timestamptz) ON COMMIT DROP`);
  await insertRows(client, 'bench_assessment', [...ASSESSMENT_COLUMNS, ...PLAN_COLUMNS], rows);
  await client.query(`ANALYZE bench_assessment`);
  const names = ASSESSMENT_COLUMNS.map(([name]) => name);
  await client.query(
    `INSERT INTO assessment (${names.join(', ')}, score)
     SELECT ${names.map((name) => `b.${name}`).join(', ')}, s.score
       FROM bench_assessment b LEFT JOIN bench_pattern_score s ON b.scored AND s.pattern = b.pattern
      ORDER BY b.id`,
  );
  step(`${organization}: ${rows.length} assessment rows`);

  // Ids are UUIDv7s of the answering window's start with bits of md5(assessment, question): the
  // same every run, and a carried-over answer can name the one it came from.
  const answerId = (assessment: string, from: string, key: string) =>
    `(lpad(to_hex((extract(epoch FROM ${from}) * 1000)::bigint), 12, '0') || '7' ||
      substr(md5(${assessment}::text || ${key}), 1, 3) || '8' ||
      substr(md5(${assessment}::text || ${key}), 4, 15))::uuid`;
  const answered = await client.query(
    `INSERT INTO answer (id, created_at, updated_at, organization_id, assessment_id, question_key,
         value, not_applicable, comment, evidence_file_ids, answered_by, answered_at, revision,
         carried_over, carried_over_from_id, confirmed_at)
     SELECT ${answerId('b.id', 'b.answer_from', 'a.question_key')}, t.at, t.at,
            b.organization_id, b.id, a.question_key, a.value, a.not_applicable, a.comment, '{}',
            b.answered_by, t.at, 1, p.pattern IS NOT NULL,
            CASE WHEN p.pattern IS NOT NULL
                 THEN ${answerId('b.previous_id', 'b.previous_from', 'a.question_key')} END,
            t.at
       FROM bench_assessment b
       JOIN bench_pattern_answer a ON a.pattern = b.pattern AND a.ordinal < b.answered
       LEFT JOIN bench_pattern_answer p
              ON p.pattern = b.previous_pattern AND p.question_key = a.question_key
      CROSS JOIN LATERAL (
        SELECT b.answer_from + (b.answer_to - b.answer_from) * ((a.ordinal + 1)::float8 / (b.answered + 1)) AS at
      ) t`,
  );
  step(`${organization}: ${answered.rowCount} answer rows`);
  // One row per section of every fixed score, as submitting writes them.
  const sections = await client.query(
    `INSERT INTO assessment_section_score
         (assessment_id, section_key, organization_id, vendor_id, title, weight, score)
     SELECT b.id, s.section_key, b.organization_id, b.vendor_id, s.title, s.weight, s.score
       FROM bench_assessment b JOIN bench_pattern_section s ON s.pattern = b.pattern
      WHERE b.scored`,
  );
  step(`${organization}: ${sections.rowCount} assessment_section_score rows`);
  // Each vendor's latest section scores, as completing its last assessment leaves them.
  await client.query(
    `INSERT INTO vendor_section_score
         (vendor_id, section_key, organization_id, assessment_id, title, score)
     SELECT s.vendor_id, s.section_key, s.organization_id, s.assessment_id, s.title, s.score
       FROM vendor v JOIN assessment_section_score s ON s.assessment_id = v.last_assessment_id
      WHERE v.organization_id = (SELECT organization_id FROM bench_assessment LIMIT 1)`,
  );
  await client.query(`DROP TABLE bench_assessment`);
}

async function countRows(url: string, organizations: string[]): Promise<DatasetCounts[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', 'assay_system', true)`);
    const count = async (table: string, organization: string) =>
      Number(
        (
          await client.query<{ count: string }>(
            `SELECT count(*) FROM ${table} WHERE organization_id = $1`,
            [organization],
          )
        ).rows[0]!.count,
      );
    const counts: DatasetCounts[] = [];
    for (const organization of organizations) {
      counts.push({
        vendors: await count('vendor', organization),
        contacts: await count('vendor_contact', organization),
        agreements: await count('agreement', organization),
        clauses: await count('agreement_clause', organization),
        assessments: await count('assessment', organization),
        answers: await count('answer', organization),
        sectionScores: await count('assessment_section_score', organization),
        findings: await count('finding', organization),
      });
    }
    await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Multi-row inserts: one statement per batch, every column an array parameter, unnested.

type Kind =
  | 'uuid'
  | 'text'
  | 'int'
  | 'bool'
  | 'timestamptz'
  | 'date'
  | 'numeric'
  | 'jsonb'
  | 'text[]'
  | 'member_role';
type Columns = ReadonlyArray<readonly [string, Kind]>;

/** The parameter's element type, and the cast that makes the column's type of it. */
const PARAMETER: Record<Kind, readonly [string, string]> = {
  uuid: ['uuid', ''],
  text: ['text', ''],
  int: ['int', ''],
  bool: ['bool', ''],
  timestamptz: ['timestamptz', ''],
  date: ['date', ''],
  numeric: ['numeric', ''],
  // Arrays and documents travel as text: unnest would flatten a two-dimensional array.
  jsonb: ['text', '::jsonb'],
  'text[]': ['text', '::text[]'],
  member_role: ['text', '::member_role'],
};
const TEMP_TYPE: Record<Kind, string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'integer',
  bool: 'boolean',
  timestamptz: 'timestamptz',
  date: 'date',
  numeric: 'numeric',
  jsonb: 'jsonb',
  'text[]': 'text[]',
  member_role: 'member_role',
};

const arrayLiteral = (values: readonly unknown[]) =>
  `{${values.map((value) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

function encode(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'jsonb') return JSON.stringify(value);
  if (kind === 'text[]') return arrayLiteral(value as unknown[]);
  return value;
}

const BATCH = 5_000;

async function insertRows(
  client: pg.Client,
  table: string,
  columns: Columns,
  rows: readonly Row[],
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const parameters = columns.map(([, kind], n) => `$${n + 1}::${PARAMETER[kind][0]}[]`).join(', ');
  const values = columns.map(([name, kind]) => `u.${name}${PARAMETER[kind][1]}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${values} FROM unnest(${parameters}) AS u(${names})`;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await client.query(
      sql,
      columns.map(([name, kind]) => batch.map((row) => encode(kind, row[name]))),
    );
  }
}

const STAMPS: Columns = [
  ['id', 'uuid'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const ORGANIZATION_COLUMNS: Columns = [...STAMPS, ['name', 'text']];
const USER_COLUMNS: Columns = [
  ...STAMPS,
  ['email', 'text'],
  ['display_name', 'text'],
  ['password_hash', 'text'],
];
const MEMBERSHIP_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['user_id', 'uuid'],
  ['role', 'member_role'],
];
const TEMPLATE_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['name_key', 'text'],
  ['description', 'text'],
  ['library_key', 'text'],
  ['version', 'int'],
];
const VERSION_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['template_id', 'uuid'],
  ['number', 'int'],
  ['status', 'text'],
  ['definition', 'jsonb'],
  ['question_count', 'int'],
  ['checksum', 'text'],
  ['based_on_id', 'uuid'],
  ['library_key', 'text'],
  ['library_version', 'int'],
  ['created_by', 'text'],
  ['published_at', 'timestamptz'],
  ['published_by', 'text'],
  ['retired_at', 'timestamptz'],
  ['revision', 'int'],
];
const VENDOR_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['name_key', 'text'],
  ['legal_name', 'text'],
  ['website', 'text'],
  ['country', 'text'],
  ['services', 'text'],
  ['lifecycle', 'text'],
  ['business_owner_id', 'uuid'],
  ['risk_owner_id', 'uuid'],
  ['tags', 'text[]'],
  ['data_categories', 'text[]'],
  ['other_sensitive_data', 'bool'],
  ['volume_band', 'text'],
  ['access_level', 'text'],
  ['processing_role', 'text'],
  ['data_countries', 'text[]'],
  ['data_subject_regions', 'text[]'],
  ['sensitive_data', 'bool'],
  ['cross_border', 'bool'],
  ['inherent_risk_score', 'int'],
  ['computed_tier', 'text'],
  ['tier', 'text'],
  ['risk_reasons', 'jsonb'],
  ['risk_algorithm_version', 'int'],
  ['risk_rubric_version', 'int'],
  ['regimes', 'text[]'],
  ['requirements', 'jsonb'],
  ['tier_override', 'text'],
  ['tier_override_justification', 'text'],
  ['tier_overridden_by', 'uuid'],
  ['tier_overridden_at', 'timestamptz'],
  ['offboarded_at', 'timestamptz'],
  ['offboarding_reason', 'text'],
  ['version', 'int'],
  ['residual_rating', 'text'],
  ['last_assessed_at', 'timestamptz'],
  ['last_assessment_id', 'uuid'],
  ['next_assessment_due_at', 'timestamptz'],
  ['reassessment_scheduled_for', 'timestamptz'],
  ['reassessment_started_for', 'timestamptz'],
  ['reassessment_trigger', 'text'],
];
const CONTACT_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['name', 'text'],
  ['email', 'text'],
  ['role', 'text'],
  ['language', 'text'],
  ['is_primary', 'bool'],
];
const AGREEMENT_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['type', 'text'],
  ['status', 'text'],
  ['title', 'text'],
  ['reference', 'text'],
  ['effective_date', 'date'],
  ['expiry_date', 'date'],
  ['signatories', 'jsonb'],
  ['document_file_id', 'uuid'],
  ['document_sha256', 'text'],
  ['notes', 'text'],
  ['superseded_by_id', 'uuid'],
  ['status_reason', 'text'],
  ['status_changed_at', 'timestamptz'],
  ['version', 'int'],
];
const CLAUSE_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['agreement_id', 'uuid'],
  ['clause_id', 'text'],
  ['status', 'text'],
  ['note', 'text'],
  ['reviewed_by', 'uuid'],
];
/** Every assessment column but `score`, which comes from the pattern. */
const ASSESSMENT_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['template_version_id', 'uuid'],
  ['contact_id', 'uuid'],
  ['cycle', 'text'],
  ['status', 'text'],
  ['language', 'text'],
  ['due_date', 'date'],
  ['sent_by', 'text'],
  ['sent_at', 'timestamptz'],
  ['submitted_at', 'timestamptz'],
  ['cancelled_at', 'timestamptz'],
  ['cancel_reason', 'text'],
  ['overall_score', 'numeric'],
  ['version', 'int'],
  ['reviewer_id', 'uuid'],
  ['review_started_at', 'timestamptz'],
  ['reopened_question_keys', 'text[]'],
  ['score_override', 'numeric'],
  ['score_override_justification', 'text'],
  ['score_overridden_by', 'text'],
  ['score_overridden_at', 'timestamptz'],
  ['residual_rating', 'text'],
  ['rating_reasons', 'jsonb'],
  ['decision', 'text'],
  ['decision_note', 'text'],
  ['decided_by', 'text'],
  ['completed_at', 'timestamptz'],
  ['coverage_exception', 'jsonb'],
];
const PLAN_COLUMNS: Columns = [
  ['pattern', 'int'],
  ['scored', 'bool'],
  ['answered', 'int'],
  ['answer_from', 'timestamptz'],
  ['answer_to', 'timestamptz'],
  ['answered_by', 'text'],
  ['previous_id', 'uuid'],
  ['previous_pattern', 'int'],
  ['previous_from', 'timestamptz'],
];
const FINDING_COLUMNS: Columns = [
  ...STAMPS,
  ['organization_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['assessment_id', 'uuid'],
  ['question_key', 'text'],
  ['source', 'text'],
  ['severity', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['status', 'text'],
  ['owner_id', 'uuid'],
  ['due_date', 'date'],
  ['vendor_response', 'jsonb'],
  ['risk_acceptance', 'jsonb'],
  ['resolved_at', 'timestamptz'],
  ['version', 'int'],
];
