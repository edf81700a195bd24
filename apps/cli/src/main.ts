import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, exitOnStartupError } from '#core';
import { createOrganization } from './create-organization.js';
import { migrationCreate, migrationGenerate, migrationRevert, migrationRun } from './migrations.js';
import { seedDemo } from './seed-demo.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  create-organization --name <name> --admin-email <email> [--admin-name <name>]
                             create an organization and its first admin (prints a password token)
  seed:demo                  load the demo portfolio (an organization, its members and 60 vendors)
                             into DATABASE_URL or the embedded database; prints how to sign in
  migration:run              apply pending migrations to DATABASE_URL (or the embedded database)
  migration:revert           revert the last applied migration
  migration:generate <Name>  write a migration for the difference between the entities and the schema
  migration:create <Name>    write an empty migration (roles, policies, data changes)
`;

async function main(): Promise<void> {
  Logger.overrideLogger(['log', 'warn', 'error']);
  const [command, ...args] = process.argv.slice(2);
  const config = AppConfig.fromProcessEnv();
  switch (command) {
    case 'create-organization':
      return createOrganization(config, args);
    case 'seed:demo':
      return seedDemo(config, args);
    case 'migration:run':
      return migrationRun(config);
    case 'migration:revert':
      return migrationRevert(config);
    case 'migration:generate':
      return migrationGenerate(config, args[0]);
    case 'migration:create':
      return migrationCreate(args[0]);
    default:
      process.stdout.write(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch(exitOnStartupError);
