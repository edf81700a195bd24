import { randomBytes } from 'node:crypto';
import type { GraphqlClient } from '../utils/graphql-client.js';

/** The vendor fields most tests read. */
export const VENDOR_FIELDS = `
  id name lifecycle country tags version tier
  dataProfile { categories sensitivePersonalInformation volume accessLevel dataCountries dataSubjectRegions }
  inherentRisk {
    score computedTier tier crossBorder rubricVersion regimes
    override { tier justification }
    reasons { factor points detail }
    requirements { requirement regime citation }
  }
  riskOwner { id } businessOwner { id }
`;

export interface VendorView {
  id: string;
  name: string;
  lifecycle: string;
  country: string | null;
  tags: string[];
  version: number;
  tier: string;
  dataProfile: {
    categories: string[];
    sensitivePersonalInformation: boolean;
    volume: string;
    accessLevel: string;
    dataCountries: string[];
    dataSubjectRegions: string[];
  };
  inherentRisk: {
    score: number;
    computedTier: string;
    tier: string;
    crossBorder: boolean;
    rubricVersion: number;
    regimes: string[];
    override: { tier: string; justification: string } | null;
    reasons: Array<{ factor: string; points: number; detail: string }>;
    requirements: Array<{ requirement: string; regime: string; citation: string }>;
  };
  riskOwner: { id: string } | null;
  businessOwner: { id: string } | null;
}

/** Data profiles with known scores under the default rubric. */
export const PROFILES = {
  /** 30 (categories, capped) + 15 sensitive + 18 volume + 15 admin + 12 cross-border = 90: TIER_1. */
  healthCallCentre: {
    categories: ['HEALTH', 'GOVERNMENT_ID', 'CONTACT'],
    volume: 'OVER_1M',
    accessLevel: 'ADMIN',
    processingRole: 'PROCESSOR',
    dataCountries: ['CN', 'SG'],
    dataSubjectRegions: ['CHINA', 'EU_EEA'],
  },
  /** 16 + 15 sensitive + 3 volume + 10 write = 44: TIER_2. */
  itSupport: {
    categories: ['CONTACT', 'CREDENTIALS'],
    volume: 'UNDER_10K',
    accessLevel: 'WRITE',
    dataCountries: ['DE'],
    dataSubjectRegions: ['EU_EEA'],
  },
  /** 10 + 12 volume = 22: TIER_3. */
  marketingAgency: {
    categories: ['CONTACT', 'IDENTIFIERS'],
    volume: 'FROM_100K_TO_1M',
    accessLevel: 'NONE',
    dataCountries: ['US'],
    dataSubjectRegions: ['CALIFORNIA'],
  },
  /** Nothing personal, no access: 0, TIER_4. */
  officeSupplies: {},
} as const;

/** Creates a vendor over GraphQL and returns it. */
export async function createVendor(
  gql: GraphqlClient,
  input: Record<string, unknown> = {},
): Promise<VendorView> {
  const data = await gql.data<{ createVendor: { vendor: VendorView } }>(
    `mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { ${VENDOR_FIELDS} } } }`,
    { input: { name: `Vendor ${randomBytes(4).toString('hex')}`, ...input } },
  );
  return data.createVendor.vendor;
}
