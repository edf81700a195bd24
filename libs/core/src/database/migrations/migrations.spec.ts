import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from './index.js';

describe('migrations', () => {
  it('runs every migration file in this folder, oldest first', () => {
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((file) => /^\d+-\w+\.ts$/.test(file))
      .sort();
    const expected = files.map((file) => {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
      return `${name}${timestamp}`;
    });
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(expected);
  });
});
