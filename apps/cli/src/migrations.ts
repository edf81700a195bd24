import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  EmbeddedPostgres,
  MIGRATIONS,
  buildDataSourceOptions,
  runMigrations,
} from '#core';
import { ALL_ENTITIES } from './entities.js';

/** Source folder of the migrations (the CLI runs from the repository root). */
const MIGRATIONS_DIR = join(process.cwd(), 'libs/core/src/database/migrations');

/**
 * A DataSource on DATABASE_URL or, when it is unset, on the embedded database in
 * ASSAY_DATA_DIR, or (`scratch`) on a throwaway in-memory one: enough to generate migrations
 * with nothing installed.
 */
async function openDataSource(
  config: AppConfig,
  options: { scratch: boolean },
): Promise<{ dataSource: DataSource; close: () => Promise<void> }> {
  const database = config.database;
  const embedded =
    database.mode === 'embedded'
      ? await EmbeddedPostgres.start(options.scratch ? null : database.dataDir)
      : null;
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: embedded?.url ?? (database.mode === 'external' ? database.url : ''),
      poolSize: embedded ? 1 : 2,
      applicationName: 'assay-cli',
      entities: ALL_ENTITIES,
      migrations: MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

export async function migrationRun(config: AppConfig): Promise<void> {
  const { dataSource, close } = await openDataSource(config, { scratch: false });
  try {
    const applied = await runMigrations(dataSource, { lock: !config.isEmbedded });
    console.log(
      applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'Nothing to apply',
    );
  } finally {
    await close();
  }
}

export async function migrationRevert(config: AppConfig): Promise<void> {
  const { dataSource, close } = await openDataSource(config, { scratch: false });
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
    console.log('Reverted the last migration');
  } finally {
    await close();
  }
}

function quote(sql: string): string {
  return '`' + sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${') + '`';
}

function statements(queries: Array<{ query: string; parameters?: unknown[] }>): string {
  return queries
    .map(({ query, parameters }) =>
      parameters?.length
        ? `    await queryRunner.query(${quote(query)}, ${JSON.stringify(parameters)});`
        : `    await queryRunner.query(${quote(query)});`,
    )
    .join('\n');
}

function migrationSource(className: string, up: string, down: string): string {
  return [
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    '',
    '  async up(queryRunner: QueryRunner): Promise<void> {',
    up,
    '  }',
    '',
    '  async down(queryRunner: QueryRunner): Promise<void> {',
    down,
    '  }',
    '}',
    '',
  ].join('\n');
}

function checkName(name: string | undefined, command: string): asserts name is string {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`Usage: npm run ${command} -- <Name> (PascalCase, e.g. AddVendors)`);
  }
}

/** Writes a migration file and lists it in the index; returns its path. */
async function writeMigration(name: string, up: string, down: string): Promise<string> {
  const timestamp = Date.now();
  const file = `${timestamp}-${name}.ts`;
  await writeFile(join(MIGRATIONS_DIR, file), migrationSource(`${name}${timestamp}`, up, down));
  await writeMigrationIndex();
  return join('libs/core/src/database/migrations', file);
}

/** Writes an empty migration, for what entities cannot describe (roles, policies, data). */
export async function migrationCreate(name: string | undefined): Promise<void> {
  checkName(name, 'migration:create');
  console.log(`Wrote ${await writeMigration(name, '', '')}.`);
}

/** Compares the entities with the migrated schema and writes the difference as a new migration. */
export async function migrationGenerate(
  config: AppConfig,
  name: string | undefined,
): Promise<void> {
  checkName(name, 'migration:generate');
  const { dataSource, close } = await openDataSource(config, { scratch: true });
  try {
    await runMigrations(dataSource, { lock: !config.isEmbedded });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('The entities match the migrations: nothing to generate');
      return;
    }
    const file = await writeMigration(
      name,
      statements(sql.upQueries),
      statements([...sql.downQueries].reverse()),
    );
    console.log(`Wrote ${file}; review it before committing.`);
  } finally {
    await close();
  }
}

/** Rewrites migrations/index.ts to import every migration file, oldest first. */
async function writeMigrationIndex(): Promise<void> {
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => {
    const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
    return { file: f.replace(/\.ts$/, '.js'), className: `${name}${timestamp}` };
  });
  await writeFile(
    join(MIGRATIONS_DIR, 'index.ts'),
    [
      '// Written by `npm run migration:generate`: every migration in this folder, oldest first.',
      ...classes.map(({ file, className }) => `import { ${className} } from './${file}';`),
      '',
      `export const MIGRATIONS = [${classes.map((c) => c.className).join(', ')}];`,
      '',
    ].join('\n'),
  );
}
