import type { GraphqlClient } from '../utils/graphql-client.js';

export const AGREEMENT_FIELDS = `
  id type status title effectiveDate expiryDate inForce version regimes documentSha256
  signatories { party name email signedAt }
  checklist { catalog clause { id mandatory } status reviewed note }
`;

export interface AgreementView {
  id: string;
  type: string;
  status: string;
  title: string;
  effectiveDate: string | null;
  expiryDate: string | null;
  inForce: boolean;
  version: number;
  regimes: string[];
  documentSha256: string | null;
  signatories: Array<{
    party: string;
    name: string;
    email: string | null;
    signedAt: string | null;
  }>;
  checklist: Array<{
    catalog: string;
    clause: { id: string; mandatory: boolean };
    status: string;
    reviewed: boolean;
    note: string | null;
  }>;
}

export const COVERAGE_FIELDS = `
  compliant dpaInForce asOf
  regimes { regime requirement status covered missingClauseIds agreement { id } }
`;

export interface CoverageView {
  compliant: boolean;
  dpaInForce: boolean;
  asOf: string;
  regimes: Array<{
    regime: string;
    requirement: string;
    status: string;
    covered: boolean;
    missingClauseIds: string[];
    agreement: { id: string } | null;
  }>;
}

/** Creates an agreement (DRAFT) over GraphQL. */
export async function createAgreement(
  gql: GraphqlClient,
  input: Record<string, unknown>,
): Promise<AgreementView> {
  const data = await gql.data<{ createAgreement: { agreement: AgreementView } }>(
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { ${AGREEMENT_FIELDS} } } }`,
    { input: { title: 'Data processing agreement', ...input } },
  );
  return data.createAgreement.agreement;
}

/** The vendor's coverage, through the agreementCoverage query. */
export async function coverageOf(gql: GraphqlClient, vendorId: string): Promise<CoverageView> {
  const data = await gql.data<{ agreementCoverage: CoverageView }>(
    `query($id: ID!) { agreementCoverage(vendorId: $id) { ${COVERAGE_FIELDS} } }`,
    { id: vendorId },
  );
  return data.agreementCoverage;
}
