export { DEMO_VENDORS, type DemoStory, type DemoVendor } from './demo-catalog.js';
export { generateAnswers, type AnswerPlan, type GeneratedAnswer } from './demo-answers.js';
export { demoPdf } from './demo-documents.js';
export { DEMO_WEBHOOK_URL } from './demo-stories.js';
export {
  DEMO_MEMBERS,
  DEMO_ORGANIZATION_NAME,
  DEMO_SEED,
  DemoSeeder,
  type DemoCounts,
  type DemoMemberCredentials,
  type DemoSeedResult,
} from './demo-seeder.service.js';
export { DemoModule } from './demo.module.js';
export { describeDemo } from './describe-demo.js';
export { seedDemoPortfolio, type SeedDemoOptions } from './seed-demo.js';
