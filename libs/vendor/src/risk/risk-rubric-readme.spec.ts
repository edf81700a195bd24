import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { AccessLevel, PersonalDataCategory, VolumeBand } from '../data-profile.js';
import { DEFAULT_RISK_RUBRIC } from './risk-rubric.js';

/** The README's table of default points, as factor → cell. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
  const rows = readme
    .slice(readme.indexOf('| Factor'))
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return new Map(rows.map((cells) => [cells[1]!, cells[2]!]));
}

describe('the README documents the default rubric', () => {
  const table = readmeTable();
  const rubric = DEFAULT_RISK_RUBRIC;

  it('lists every category weight', () => {
    for (const category of Object.values(PersonalDataCategory)) {
      expect([category, table.get(`each category: \`${category}\``)]).toEqual([
        category,
        String(rubric.categoryWeights[category]),
      ]);
    }
  });

  it('lists the other weights and the tier thresholds', () => {
    const list = (values: number[]) => values.join(' / ');
    expect(table.get('categories together, at most')).toBe(String(rubric.categoryCap));
    expect(table.get('sensitive personal information (PIPL Art. 28)')).toBe(
      String(rubric.sensitiveDataWeight),
    );
    const volumes = Object.values(VolumeBand);
    expect(table.get(`volume: ${volumes.map((v) => `\`${v}\``).join(' / ')}`)).toBe(
      list(volumes.map((v) => rubric.volumeWeights[v])),
    );
    const access = Object.values(AccessLevel);
    expect(table.get(`access to your systems: ${access.map((a) => `\`${a}\``).join(' / ')}`)).toBe(
      list(access.map((a) => rubric.accessWeights[a])),
    );
    expect(table.get('data stored or accessed across a border')).toBe(
      String(rubric.crossBorderWeight),
    );
    expect(table.get(`each sub-processor, at most ${rubric.subProcessorCap} in all`)).toBe(
      String(rubric.subProcessorWeight),
    );
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const { tier1, tier2, tier3 } = rubric.tierThresholds;
    expect(readme).toContain(
      `Tiers: \`TIER_1\` from ${tier1}, \`TIER_2\` from ${tier2}, \`TIER_3\` from ${tier3}`,
    );
  });
});
