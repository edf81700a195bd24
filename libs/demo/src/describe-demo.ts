import type { DemoSeedResult } from './demo-seeder.service.js';

const total = (counts: Readonly<Record<string, number>>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

/**
 * What a person needs to know after seeding, as lines of text: what was made and how each
 * member signs in (the passwords only exist in this text), or that the demo was there already.
 */
export function describeDemo(result: DemoSeedResult, graphqlUrl: string): string[] {
  if (result.status === 'exists') {
    return [
      `The demo organization "${result.organization.name}" exists already (created ${result.organization.createdAt.toISOString().slice(0, 10)}): nothing was changed.`,
      `Its members sign in at ${graphqlUrl} with the passwords printed when it was made:`,
      ...result.members.map((member) => `  ${member.role.padEnd(12)} ${member.email}`),
      'A forgotten password is reset with requestPasswordReset (without SMTP_URL the email is a file in ASSAY_DATA_DIR/mail).',
    ];
  }
  const { counts } = result;
  const width = Math.max(...result.members.map((member) => member.email.length));
  return [
    `Created the demo organization "${result.organization.name}" in ${result.seconds} s: ${counts.vendors} vendors, ${total(counts.agreements)} agreements, ${total(counts.assessments)} assessments, ${total(counts.findings)} findings.`,
    `Sign in at ${graphqlUrl} with signIn(input: { email, password }) as:`,
    '',
    ...result.members.map(
      (member) => `  ${member.role.padEnd(12)} ${member.email.padEnd(width)}  ${member.password}`,
    ),
    '',
    'These passwords are shown this once; keep them.',
  ];
}
