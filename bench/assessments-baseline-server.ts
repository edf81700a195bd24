import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The baselines of the assessment benchmarks, from a bare Node HTTP handler over one
 * hand-written SQL statement each, on a copy of the database without row-level security: no
 * framework, no authentication, no transaction. Never a way to run Assay: only `npm run bench`
 * starts it.
 *
 * POST /page: the reviewer's assessments page (id, overall score, open findings, vendor name).
 * POST /save: a vendor's batch of answers, upserted with the same optimistic revision check.
 */
const PAGE_SQL = `
  SELECT a.id, a.overall_score, v.name AS vendor_name,
         (SELECT count(*) FROM finding f
           WHERE f.assessment_id = a.id AND f.status IN ('OPEN', 'IN_REMEDIATION'))::int AS open_findings
    FROM assessment a
    JOIN vendor v ON v.id = a.vendor_id
   WHERE a.organization_id = $1
   ORDER BY a.created_at DESC, a.id DESC
   LIMIT $2`;

const SAVE_SQL = `
  INSERT INTO answer (id, organization_id, assessment_id, question_key, value, not_applicable,
                      evidence_file_ids, answered_by, answered_at, confirmed_at, carried_over, revision)
  SELECT gen_random_uuid(), $1, $2, r.question_key, r.value, false, '{}', $3, now(), now(), false, 1
    FROM jsonb_to_recordset($4::jsonb) AS r(question_key varchar, value jsonb, expected_revision int)
   WHERE r.expected_revision = 0
      OR EXISTS (SELECT 1 FROM answer e WHERE e.assessment_id = $2 AND e.question_key = r.question_key)
  ON CONFLICT (assessment_id, question_key) DO UPDATE
     SET value = EXCLUDED.value, answered_by = EXCLUDED.answered_by,
         answered_at = EXCLUDED.answered_at, confirmed_at = EXCLUDED.confirmed_at,
         revision = answer.revision + 1, updated_at = now()
   WHERE answer.revision = (SELECT (x ->> 'expected_revision')::int FROM jsonb_array_elements($4::jsonb) x
                             WHERE x ->> 'question_key' = answer.question_key)
  RETURNING question_key, revision`;

interface SaveInput {
  assessmentId: string;
  answers: Array<{ questionKey: string; value: unknown; expectedRevision: number }>;
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const rowId = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1]!;

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const organizationId = process.env.BENCH_ORGANIZATION_ID!;
  const reply = (res: import('node:http').ServerResponse, status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  const page = async (first: number) => {
    const { rows } = await pool.query<{
      id: string;
      overall_score: string | null;
      vendor_name: string;
      open_findings: number;
    }>(PAGE_SQL, [organizationId, first]);
    const nodes = rows.map((row) => ({
      id: globalId('Assessment', row.id),
      overallScore: row.overall_score === null ? null : Number(row.overall_score),
      openFindingCount: row.open_findings,
      vendor: { name: row.vendor_name },
    }));
    return { status: 200, body: JSON.stringify({ data: { assessments: { nodes } } }) };
  };
  const save = async (input: SaveInput, contactId: string) => {
    const records = input.answers.map((answer) => ({
      question_key: answer.questionKey,
      value: answer.value,
      expected_revision: answer.expectedRevision,
    }));
    const { rows } = await pool.query<{ question_key: string; revision: number }>(SAVE_SQL, [
      organizationId,
      rowId(input.assessmentId),
      contactId,
      JSON.stringify(records),
    ]);
    if (rows.length !== records.length) return { status: 409, body: '{"errors":["stale"]}' };
    const revisions = new Map(rows.map((row) => [row.question_key, row.revision]));
    const answers = input.answers.map((answer) => ({
      questionKey: answer.questionKey,
      revision: revisions.get(answer.questionKey),
    }));
    return { status: 200, body: JSON.stringify({ data: { saveAnswers: { answers } } }) };
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        variables: { first?: number; input?: SaveInput };
      };
      const work =
        req.url === '/save'
          ? save(variables.input!, String(req.headers['x-contact-id']))
          : page(variables.first ?? 20);
      work.then(
        ({ status, body }) => reply(res, status, body),
        (error: Error) => reply(res, 500, JSON.stringify({ errors: [error.message] })),
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

void main();
