import { parseArgs } from 'node:util';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, CoreModule, RequestContext } from '#core';
import { IdentityModule, OrganizationService } from '#identity';

const USAGE =
  'Usage: npm run cli -- create-organization --name <name> --admin-email <email> [--admin-name <name>]';

/** Creates an organization and its first admin, and prints how the admin sets a password. */
export async function createOrganization(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  if (!values.name || !values['admin-email']) throw new Error(USAGE);

  @Module({
    imports: [
      CoreModule.forRoot({ config, applicationName: 'assay-cli', consumeJobs: false }),
      IdentityModule,
    ],
  })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  Logger.overrideLogger(['error']);
  try {
    const created = await app
      .get(OrganizationService)
      .createWithAdmin(RequestContext.system('cli', 'cli'), {
        name: values.name,
        adminEmail: values['admin-email'],
        adminName: values['admin-name'],
      });
    const lines = [
      `Created the organization "${created.organization.name}" (${created.organization.id}).`,
      `Admin: ${created.admin.email}`,
    ];
    if (created.passwordSetupToken) {
      const hours = config.auth.passwordTokenTtlHours;
      lines.push(
        '',
        `The admin sets a password with this one-time token (valid ${hours} hours), at ${config.publicUrl}/graphql:`,
        '',
        `  mutation { resetPassword(input: { token: "${created.passwordSetupToken}", newPassword: "…" }) { email } }`,
        '',
        'then signs in with signIn(input: { email, password }).',
      );
    } else {
      lines.push('The admin already has a password and signs in with it.');
    }
    console.log(lines.join('\n'));
  } finally {
    await app.close();
  }
}
