import { createServer } from 'node:http';
import pg from 'pg';
import { VENDOR_PAGE_SQL, toVendorNodes, type VendorPageRow } from './baseline-sql.js';

/**
 * The baseline of the vendor-list benchmark: the page `vendors(first: N)` answers, built by one
 * hand-written SQL statement and serialized to the same JSON by a bare Node HTTP handler. No
 * framework, no authentication, no transaction, no row-level security (a copy without it).
 * Never a way to run Assay: only `npm run bench` starts it.
 */
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
      pool.query<VendorPageRow>(VENDOR_PAGE_SQL, [organizationId, variables.first]).then(
        ({ rows }) => {
          const nodes = toVendorNodes(rows);
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
