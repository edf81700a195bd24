import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { AppConfig } from '#core';
import { seedDemoPortfolio, type DemoSeedResult } from '#demo';

export interface DemoOfferIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  /** Loads the demo; the real seed by default. */
  readonly seed?: () => Promise<DemoSeedResult>;
}

export const DEMO_HINT =
  'Tip: ASSAY_DEMO=1 npm start loads a demo portfolio (60 vendors, a member in every role), or run npm run seed:demo.\n';

/**
 * Embedded mode, before the API starts (the demo is seeded in a context of its own, whose
 * clock travels through the demo's history): with ASSAY_DEMO=1 loads the demo unless it is
 * there; on the first start (no embedded database yet) asks once in a terminal, or prints how
 * to get it. ASSAY_DEMO=0 does neither. Returns what was seeded, for the banner.
 */
export async function offerDemo(
  config: AppConfig,
  io: DemoOfferIo = { stdin: process.stdin, stdout: process.stdout },
): Promise<DemoSeedResult | null> {
  if (!config.isEmbedded) {
    if (config.demo === 'load') {
      io.stdout.write(
        'ASSAY_DEMO applies to the embedded mode only; with DATABASE_URL, run npm run seed:demo.\n',
      );
    }
    return null;
  }
  if (config.demo === 'never') return null;
  if (config.demo === 'offer') {
    const firstStart = !existsSync(join(config.dataDir, 'pgdata'));
    if (!firstStart) return null;
    if (!io.stdin.isTTY) {
      io.stdout.write(DEMO_HINT);
      return null;
    }
    if (!(await ask(io))) {
      io.stdout.write('No demo. ASSAY_DEMO=1 npm start or npm run seed:demo loads it later.\n');
      return null;
    }
  }
  io.stdout.write(
    'Loading the demo portfolio unless it is there already (about half a minute) …\n',
  );
  const seed = io.seed ?? (() => seedDemoPortfolio(process.env, { applicationName: 'assay-demo' }));
  return seed();
}

/** Asks once whether to load the demo; Enter means yes. */
async function ask(io: DemoOfferIo): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: io.stdout });
  // Ctrl-C at the question stops npm start, as it would anywhere else.
  prompt.on('SIGINT', () => {
    prompt.close();
    process.kill(process.pid, 'SIGINT');
  });
  try {
    const answer = await prompt.question(
      'This is a fresh Assay. Load a demo portfolio (an organization with 60 vendors and a member in every role)? [Y/n] ',
    );
    return !/^\s*n/i.test(answer);
  } catch {
    return false;
  } finally {
    prompt.close();
  }
}
