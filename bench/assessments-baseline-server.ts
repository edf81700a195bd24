import { createServer } from 'node:http';
import pg from 'pg';
import {
  ASSESSMENT_PAGE_SQL,
  SAVE_SQL,
  saveParameters,
  savedAnswers,
  toAssessmentNode,
  type AssessmentPageRow,
  type SaveInput,
  type SavedRow,
} from './baseline-sql.js';

/**
 * The baselines of the assessment benchmarks, from a bare Node HTTP handler over one
 * hand-written SQL statement each, on a copy of the database without row-level security: no
 * framework, no authentication, no transaction. Never a way to run Assay: only `npm run bench`
 * starts it.
 *
 * POST /page: the reviewer's assessments page (id, overall score, open findings, vendor name).
 * POST /save: a vendor's batch of answers, upserted with the same optimistic revision check.
 */
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
    const { rows } = await pool.query<AssessmentPageRow>(ASSESSMENT_PAGE_SQL, [
      organizationId,
      first,
    ]);
    const nodes = rows.map(toAssessmentNode);
    return { status: 200, body: JSON.stringify({ data: { assessments: { nodes } } }) };
  };
  const save = async (input: SaveInput, contactId: string) => {
    const { rows } = await pool.query<SavedRow>(
      SAVE_SQL,
      saveParameters(organizationId, input, contactId),
    );
    const saveAnswers = savedAnswers(input, rows);
    return saveAnswers
      ? { status: 200, body: JSON.stringify({ data: { saveAnswers } }) }
      : { status: 409, body: '{"errors":["stale"]}' };
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
