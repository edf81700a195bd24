import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { environmentSchema } from './config.schema.js';

const root = new URL('../../../../', import.meta.url);
const variables = Object.keys(environmentSchema.shape).sort();

describe('documented configuration', () => {
  it('.env.example lists every variable the schema reads, and nothing else', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(variables);
  });

  it("the README's configuration table lists every variable", () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    // Only the Configuration section: other tables (error codes, say) list other words in capitals.
    const section = /^## Configuration\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    const table = [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    expect(table).toEqual(variables);
  });
});
