import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { AppConfig } from '#core';
import type { DemoSeedResult } from '#demo';
import { DEMO_HINT, offerDemo } from './demo-offer.js';

const seeded = { status: 'created' } as DemoSeedResult;

describe('offerDemo', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function setUp(
    env: Record<string, string> = {},
    options: { started?: boolean; tty?: boolean } = {},
  ) {
    const dataDir = mkdtempSync(join(tmpdir(), 'assay-demo-offer-'));
    dirs.push(dataDir);
    if (options.started) mkdirSync(join(dataDir, 'pgdata'));
    const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
    let seeds = 0;
    const io = {
      stdin,
      stdout,
      seed: async () => {
        seeds += 1;
        return seeded;
      },
    };
    const config = AppConfig.load({ ASSAY_DATA_DIR: dataDir, ...env });
    return { config, io, stdin, written: () => written, seeds: () => seeds };
  }

  it('says how to get the demo on a first start without a terminal, and loads nothing', async () => {
    const t = setUp();
    expect(await offerDemo(t.config, t.io)).toBeNull();
    expect(t.written()).toBe(DEMO_HINT);
    expect(t.written()).toContain('ASSAY_DEMO=1');
    expect(t.seeds()).toBe(0);
  });

  it('asks once in a terminal on the first start: Enter loads it, "n" does not', async () => {
    const yes = setUp({}, { tty: true });
    const answered = offerDemo(yes.config, yes.io);
    yes.stdin.write('\n');
    expect(await answered).toBe(seeded);
    expect(yes.written()).toMatch(/Load a demo portfolio.*\[Y\/n\]/);
    expect(yes.seeds()).toBe(1);

    const no = setUp({}, { tty: true });
    const declined = offerDemo(no.config, no.io);
    no.stdin.write('n\n');
    expect(await declined).toBeNull();
    expect(no.seeds()).toBe(0);
  });

  it('neither asks nor tells once the embedded database exists', async () => {
    const t = setUp({}, { started: true, tty: true });
    expect(await offerDemo(t.config, t.io)).toBeNull();
    expect(t.written()).toBe('');
    expect(t.seeds()).toBe(0);
  });

  it('loads it without asking with ASSAY_DEMO=1, and never offers it with ASSAY_DEMO=0', async () => {
    const load = setUp({ ASSAY_DEMO: '1' }, { started: true, tty: true });
    expect(await offerDemo(load.config, load.io)).toBe(seeded);
    expect(load.written()).not.toMatch(/\[Y\/n\]/);
    expect(load.seeds()).toBe(1);

    const never = setUp({ ASSAY_DEMO: '0' }, { tty: true });
    expect(await offerDemo(never.config, never.io)).toBeNull();
    expect(never.written()).toBe('');
    expect(never.seeds()).toBe(0);
  });

  it('leaves a real database alone, and says so when ASSAY_DEMO=1 asks for the demo', async () => {
    const t = setUp({ ASSAY_DEMO: '1', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/assay' });
    expect(await offerDemo(t.config, t.io)).toBeNull();
    expect(t.written()).toMatch(/npm run seed:demo/);
    expect(t.seeds()).toBe(0);
  });
});
