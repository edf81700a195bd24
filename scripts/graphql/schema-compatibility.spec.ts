import { describe, expect, it } from '@jest/globals';
import { compareSchemas } from './schema-compatibility.js';

const RELEASED = `
  type Query {
    vendor(id: ID!, locale: String @deprecated(reason: "Use the contact's language")): Vendor
    legacyScore: LegacyScore @deprecated(reason: "Use Assessment.score")
    vendors(first: Int, after: String): [Vendor!]!
  }
  type Vendor {
    id: ID!
    name: String!
    website: String
    riskLabel: String @deprecated(reason: "Use tier")
    tier: Tier!
  }
  type LegacyScore {
    value: Int!
  }
  enum Tier {
    TIER_1
    TIER_2
    TIER_5 @deprecated(reason: "Never used")
  }
  input VendorInput {
    name: String!
    code: String @deprecated(reason: "Ignored")
  }
  type Mutation {
    createVendor(input: VendorInput!): Vendor!
  }
`;

/** The released schema with `from` replaced by `to` (each `from` must occur). */
function edited(...edits: Array<[from: string, to: string]>): string {
  return edits.reduce((sdl, [from, to]) => {
    if (!sdl.includes(from)) throw new Error(`Not in the schema: ${from}`);
    return sdl.replace(from, to);
  }, RELEASED);
}

const paths = (changes: Array<{ path?: string }>) => changes.map((change) => change.path).sort();

describe('compareSchemas', () => {
  it('finds nothing between a schema and itself', async () => {
    const report = await compareSchemas(RELEASED, RELEASED);
    expect(report.breaking).toEqual([]);
    expect(report.deprecatedRemovals).toEqual([]);
    expect([...report.dangerous, ...report.safe]).toEqual([]);
  });

  it('fails on a field removed without a deprecation', async () => {
    const report = await compareSchemas(RELEASED, edited(['    website: String\n', '']));
    expect(paths(report.breaking)).toEqual(['Vendor.website']);
    expect(report.breaking[0]!.type).toBe('FIELD_REMOVED');
  });

  it('allows a field removed after its deprecation', async () => {
    const report = await compareSchemas(
      RELEASED,
      edited(['    riskLabel: String @deprecated(reason: "Use tier")\n', '']),
    );
    expect(report.breaking).toEqual([]);
    expect(paths(report.deprecatedRemovals)).toEqual(['Vendor.riskLabel']);
  });

  it('fails on a changed field type, and allows it on a deprecated field only', async () => {
    const changed = await compareSchemas(RELEASED, edited(['name: String!', 'name: Int!']));
    expect(paths(changed.breaking)).toEqual(['Vendor.name']);
    const deprecated = await compareSchemas(
      RELEASED,
      edited(['riskLabel: String @deprecated', 'riskLabel: Int @deprecated']),
    );
    expect(deprecated.breaking).toEqual([]);
    expect(paths(deprecated.deprecatedRemovals)).toEqual(['Vendor.riskLabel']);
  });

  it('allows removing a deprecated field together with the type only it returned', async () => {
    const report = await compareSchemas(
      RELEASED,
      edited(
        ['    legacyScore: LegacyScore @deprecated(reason: "Use Assessment.score")\n', ''],
        ['  type LegacyScore {\n    value: Int!\n  }\n', ''],
      ),
    );
    expect(report.breaking).toEqual([]);
    expect(paths(report.deprecatedRemovals)).toEqual(['LegacyScore', 'Query.legacyScore']);
  });

  it('fails on a removed type that a live field still referred to', async () => {
    const report = await compareSchemas(
      RELEASED,
      edited(
        ['    tier: Tier!\n', ''],
        [
          '  enum Tier {\n    TIER_1\n    TIER_2\n    TIER_5 @deprecated(reason: "Never used")\n  }\n',
          '',
        ],
      ),
    );
    expect(paths(report.breaking)).toEqual(['Tier', 'Vendor.tier']);
  });

  it('treats enum values, arguments and input fields the same way', async () => {
    const allowed = await compareSchemas(
      RELEASED,
      edited(
        ['    TIER_5 @deprecated(reason: "Never used")\n', ''],
        [', locale: String @deprecated(reason: "Use the contact\'s language")', ''],
        ['    code: String @deprecated(reason: "Ignored")\n', ''],
      ),
    );
    expect(allowed.breaking).toEqual([]);
    expect(paths(allowed.deprecatedRemovals)).toEqual([
      'Query.vendor.locale',
      'Tier.TIER_5',
      'VendorInput.code',
    ]);

    const refused = await compareSchemas(
      RELEASED,
      edited(
        ['    TIER_2\n', ''],
        ['vendors(first: Int, after: String)', 'vendors(first: Int)'],
        ['    name: String!\n    code', '    name: String!\n    region: String!\n    code'],
      ),
    );
    expect(paths(refused.breaking)).toEqual([
      'Query.vendors.after',
      'Tier.TIER_2',
      'VendorInput.region',
    ]);
  });

  it('lets additions through, flagging the ones a client may not expect', async () => {
    const report = await compareSchemas(
      RELEASED,
      edited(
        ['    TIER_2\n', '    TIER_2\n    TIER_3\n'],
        ['    tier: Tier!\n', '    tier: Tier!\n    country: String\n'],
      ),
    );
    expect(report.breaking).toEqual([]);
    expect(paths(report.dangerous)).toEqual(['Tier.TIER_3']);
    expect(paths(report.safe)).toEqual(['Vendor.country']);
  });
});
