import { createServer } from 'node:http';
import pg from 'pg';
import { toCoverageAgreement, vendorCoverage, utcDay, type Agreement } from '#agreement';
import type { RequirementFlag } from '#vendor';

/**
 * The baseline of the vendor-list benchmark: the page `vendors(first: N)` answers, built by one
 * hand-written SQL statement and serialized to the same JSON by a bare Node HTTP handler. No
 * framework, no authentication, no transaction, no row-level security (a copy without it).
 * Never a way to run Assay: only `npm run bench` starts it.
 */
const PAGE_SQL = `
  SELECT v.id, v.name, v.tier, v.requirements,
         (cardinality(v.data_categories) > 0 OR v.other_sensitive_data) AS handles_personal_data,
         u.email AS risk_owner_email,
         COALESCE((
           SELECT json_agg(json_build_object(
             'id', a.id, 'type', a.type, 'status', a.status,
             'effectiveDate', a.effective_date, 'expiryDate', a.expiry_date,
             'clauses', COALESCE((SELECT json_agg(json_build_object('clauseId', c.clause_id, 'status', c.status))
                                  FROM agreement_clause c WHERE c.agreement_id = a.id), '[]')))
           FROM agreement a WHERE a.vendor_id = v.id), '[]') AS agreements
    FROM vendor v
    LEFT JOIN membership m ON m.id = v.risk_owner_id
    LEFT JOIN app_user u ON u.id = m.user_id
   WHERE v.organization_id = $1
   ORDER BY v.name_key, v.id
   LIMIT $2`;

interface Row {
  id: string;
  name: string;
  tier: string;
  requirements: RequirementFlag[];
  handles_personal_data: boolean;
  risk_owner_email: string | null;
  agreements: Agreement[];
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const organizationId = process.env.BENCH_ORGANIZATION_ID!;
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        variables: { first: number };
      };
      pool.query<Row>(PAGE_SQL, [organizationId, variables.first]).then(
        ({ rows }) => {
          const today = utcDay(new Date());
          const nodes = rows.map((row) => {
            const coverage = vendorCoverage(
              { requirements: row.requirements, handlesPersonalData: row.handles_personal_data },
              row.agreements.map(toCoverageAgreement),
              today,
            );
            return {
              id: globalId('Vendor', row.id),
              name: row.name,
              tier: row.tier,
              riskOwner: row.risk_owner_email ? { user: { email: row.risk_owner_email } } : null,
              agreementCoverage: {
                compliant: coverage.compliant,
                regimes: coverage.regimes.map((entry) => ({
                  regime: entry.regime,
                  status: entry.status,
                  missingClauseIds: entry.missingClauseIds,
                })),
              },
            };
          });
          const body = JSON.stringify({ data: { vendors: { nodes } } });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        (error: Error) => {
          res.writeHead(500);
          res.end(error.message);
        },
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

void main();
