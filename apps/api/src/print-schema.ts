import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, exitOnStartupError } from '#core';
import { createApiApplication, printApiSchema } from './bootstrap.js';
import {
  operationAccess,
  renderAccessTable,
  withAccessTable,
} from './graphql/access/access-table.js';

/**
 * Writes schema.graphql and the README's access table from the code (booting the API on a
 * throwaway embedded database).
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-schema-'));
  try {
    const config = AppConfig.load({
      ASSAY_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    });
    const app = await createApiApplication(config, { withWorker: false });
    await app.init();
    await writeFile(process.argv[2] ?? 'schema.graphql', printApiSchema(app));
    const readme = await readFile('README.md', 'utf8');
    await writeFile('README.md', withAccessTable(readme, renderAccessTable(operationAccess(app))));
    await app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(exitOnStartupError);
