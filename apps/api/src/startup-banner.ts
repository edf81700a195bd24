import { join } from 'node:path';
import type { AppConfig } from '#core';
import { describeDemo, type DemoSeedResult } from '#demo';

/**
 * What embedded mode is, where to look, and what to set for a real deployment; with the demo
 * loaded at this start, how its members sign in.
 */
export function startupBanner(
  config: AppConfig,
  port: number,
  demo: DemoSeedResult | null = null,
): string {
  const base = `http://${config.http.host}:${port}`;
  // The SMTP server's host only: SMTP_URL carries credentials.
  const mail = config.mail.smtpUrl
    ? `SMTP server at ${new URL(config.mail.smtpUrl).host}`
    : `.eml files in ${join(config.dataDir, 'mail')} (SMTP_URL=smtp://user:password@host:587 sends them)`;
  return [
    '',
    '  Assay is running in embedded mode: for trying it out, not for production.',
    '',
    `  GraphQL API   ${base}/graphql  (open it in a browser for GraphiQL)`,
    `  Health        ${base}/health/ready`,
    `  Database      PGlite, PostgreSQL in this process, one connection, data in ${join(config.dataDir, 'pgdata')}`,
    '  Jobs          in this process (QUEUE_BACKEND=inline), not durable across restarts',
    `  Email         ${mail}`,
    '',
    '  For a real deployment set DATABASE_URL=postgres://user:password@host:5432/assay',
    '  and REDIS_URL=redis://host:6379, then run `npm run start:api` and `npm run start:worker`.',
    '',
    ...(demo
      ? [...describeDemo(demo, `${base}/graphql`).map((line) => (line ? `  ${line}` : '')), '']
      : []),
    '',
  ].join('\n');
}
