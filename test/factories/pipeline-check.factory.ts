import type { GraphqlClient } from '../utils/graphql-client.js';

export interface PipelineCheckView {
  id: string;
  status: 'PENDING' | 'COMPLETED';
  requestedAt: string;
  runAt: string;
  holdSeconds: number;
  completedAt: string | null;
  deliveries: Array<{ attempt: number; worker: string; outcome: string; deliveredAt: string }>;
}

export const PIPELINE_CHECK_FIELDS = `
  id status requestedAt runAt holdSeconds completedAt
  deliveries { attempt worker outcome deliveredAt }
`;

/** Requests a pipeline check over GraphQL and returns it as the API shows it. */
export async function requestPipelineCheck(
  gql: GraphqlClient,
  input: { delaySeconds?: number; holdSeconds?: number } = {},
): Promise<PipelineCheckView> {
  const data = await gql.data<{ checkJobPipeline: { check: PipelineCheckView } }>(
    `mutation Check($input: CheckJobPipelineInput!) {
       checkJobPipeline(input: $input) { check { ${PIPELINE_CHECK_FIELDS} } }
     }`,
    { input },
  );
  return data.checkJobPipeline.check;
}

/** Fetches a check again through `node(id:)`. */
export async function fetchPipelineCheck(
  gql: GraphqlClient,
  id: string,
): Promise<PipelineCheckView> {
  const data = await gql.data<{ node: PipelineCheckView }>(
    `query Node($id: ID!) { node(id: $id) { ... on JobPipelineCheck { ${PIPELINE_CHECK_FIELDS} } } }`,
    { id },
  );
  return data.node;
}
