import { AppConfig } from '#core';
import { describeDemo, seedDemoPortfolio } from '#demo';

/**
 * `seed:demo`: the demo portfolio in the configured database. A second run finds it, says so
 * and changes nothing (exit 0).
 */
export async function seedDemo(config: AppConfig, args: string[]): Promise<void> {
  if (args.length > 0) throw new Error('Usage: npm run seed:demo (it takes no arguments)');
  if (config.isEmbedded) {
    console.log(`Seeding the demo into the embedded database in ${config.dataDir} …`);
  } else {
    console.log('Seeding the demo into DATABASE_URL …');
  }
  const result = await seedDemoPortfolio(process.env, { applicationName: 'assay-cli' });
  console.log(describeDemo(result, `${config.publicUrl}/graphql`).join('\n'));
  if (result.status === 'created' && config.isEmbedded) {
    console.log('\nStart Assay with `npm start` to use it.');
  }
}
