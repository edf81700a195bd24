import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_NODE_FLAGS } from './node-flags.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** Every way of starting the API passes the same flags (the benchmarks import them). */
describe('the API process flags', () => {
  const API = 'dist/apps/api/src/main.js';
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const launches: Array<[string, string]> = [
    ['npm start', scripts.start!],
    ['npm run start:api', scripts['start:api']!],
    [
      'the image',
      read('Dockerfile')
        .split('\n')
        .find((line) => line.startsWith('CMD'))!,
    ],
    [
      'docker-compose.yml',
      read('docker-compose.yml')
        .split('\n')
        .find((line) => line.includes(API))!,
    ],
  ];

  it.each(launches)('%s starts the API with them, before the script', (_, command) => {
    expect(command).toContain(API);
    const before = command.slice(0, command.indexOf(API));
    for (const flag of API_NODE_FLAGS) expect(before).toContain(flag);
  });
});
