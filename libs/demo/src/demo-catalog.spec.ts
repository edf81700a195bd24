import { describe, expect, it } from '@jest/globals';
import { isEmail, isISO31661Alpha2, isURL } from 'class-validator';
import { DEFAULT_RISK_RUBRIC, RiskTier, computeInherentRisk } from '#vendor';
import { DEMO_VENDORS } from './demo-catalog.js';

const tierOf = (vendor: (typeof DEMO_VENDORS)[number]) =>
  vendor.tierOverride?.tier ??
  computeInherentRisk(
    {
      profile: vendor.profile,
      subProcessorCountries: vendor.subProcessors.map((entry) => entry.country),
    },
    DEFAULT_RISK_RUBRIC,
  ).tier;

describe('the demo vendors', () => {
  it('are sixty, with unique names and keys', () => {
    expect(DEMO_VENDORS).toHaveLength(60);
    expect(new Set(DEMO_VENDORS.map((vendor) => vendor.key)).size).toBe(60);
    expect(new Set(DEMO_VENDORS.map((vendor) => vendor.name.toLowerCase())).size).toBe(60);
  });

  it('spread over all four tiers under the default rubric', () => {
    const counts = new Map<string, number>();
    for (const vendor of DEMO_VENDORS)
      counts.set(tierOf(vendor), (counts.get(tierOf(vendor)) ?? 0) + 1);
    for (const tier of Object.values(RiskTier)) expect(counts.get(tier)).toBeGreaterThanOrEqual(8);
  });

  it('are in many countries, some Chinese with zh-CN contacts', () => {
    expect(new Set(DEMO_VENDORS.map((vendor) => vendor.country)).size).toBeGreaterThanOrEqual(15);
    const chinese = DEMO_VENDORS.filter((vendor) => vendor.country === 'CN');
    expect(chinese.length).toBeGreaterThanOrEqual(8);
    expect(chinese.every((vendor) => vendor.contacts[0]!.language === 'zh-CN')).toBe(true);
    expect(chinese.filter((vendor) => /\p{Script=Han}/u.test(vendor.name)).length).toBe(
      chinese.length,
    );
  });

  it('hold values the vendor inputs accept', () => {
    for (const vendor of DEMO_VENDORS) {
      expect(isISO31661Alpha2(vendor.country)).toBe(true);
      for (const code of [
        ...vendor.profile.dataCountries,
        ...vendor.subProcessors.map((entry) => entry.country),
      ]) {
        expect(isISO31661Alpha2(code)).toBe(true);
      }
      expect(isURL(`https://${vendor.key}.example`, { require_protocol: true })).toBe(true);
      expect(vendor.contacts.length).toBeGreaterThan(0);
      for (const contact of vendor.contacts) {
        expect(isEmail(`${contact.mailbox}@${vendor.key}.example`)).toBe(true);
      }
      expect(/^[\x20-\x7e]+$/.test(vendor.latinName)).toBe(true);
    }
  });
});
