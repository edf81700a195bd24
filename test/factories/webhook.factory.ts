import type { GraphqlClient } from '../utils/graphql-client.js';
import { addContact } from './assessment.factory.js';
import { createTemplate } from './questionnaire.factory.js';
import { createVendor } from './vendor.factory.js';

export const ENDPOINT_FIELDS = 'id url description eventTypes enabled secretRotatedAt createdAt';
export const DELIVERY_FIELDS = `id eventId eventType status series attemptCount lastStatusCode
  lastError lastAttemptAt nextAttemptAt finishedAt payload endpoint { id }
  attempts { series attempt attemptedAt statusCode error durationMs nextAttemptAt }`;

export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  secretRotatedAt: string | null;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  series: number;
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  finishedAt: string | null;
  payload: {
    id: string;
    type: string;
    createdAt: string;
    organizationId: string;
    data: { object: { type: string; id: string }; summary: Record<string, unknown> };
  };
  endpoint: { id: string };
  attempts: Array<{
    series: number;
    attempt: number;
    attemptedAt: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    nextAttemptAt: string | null;
  }>;
}

export const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`;

/** Registers an endpoint over GraphQL; returns it with the secret shown this once. */
export async function createWebhookEndpoint(
  gql: GraphqlClient,
  input: { url: string; eventTypes: string[]; description?: string },
): Promise<{ endpoint: EndpointView; secret: string }> {
  const data = await gql.data<{
    createWebhookEndpoint: { endpoint: EndpointView; secret: string };
  }>(CREATE_ENDPOINT, { input });
  return data.createWebhookEndpoint;
}

/** The deliveries of one endpoint, newest first. */
export async function deliveriesOf(
  gql: GraphqlClient,
  endpointId: string,
): Promise<DeliveryView[]> {
  const data = await gql.data<{ webhookDeliveries: { nodes: DeliveryView[] } }>(
    `query($filter: WebhookDeliveryFilterInput) { webhookDeliveries(first: 10, filter: $filter) {
      nodes { ${DELIVERY_FIELDS} } } }`,
    { filter: { endpointId } },
  );
  return data.webhookDeliveries.nodes;
}

const SEND = `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`;

/** Sends the built-in breach check to a new contact of a new vendor; the assessment's id. */
export async function sendAnAssessment(
  gql: GraphqlClient,
): Promise<{ id: string; vendorId: string }> {
  const copy = await createTemplate(gql, {
    name: `Breach check ${Math.random().toString(36).slice(2, 8)}`,
    fromLibrary: 'breach-readiness-quick-check',
  });
  const vendor = await createVendor(gql, { name: 'Webhook Vendor Ltd' });
  const contact = await addContact(gql, vendor.id);
  const sent = await gql.data<{ sendAssessment: { assessment: { id: string } } }>(SEND, {
    input: {
      vendorId: vendor.id,
      templateVersionId: copy.version.id,
      contactId: contact.id,
      dueDate: '2099-12-31',
    },
  });
  return { id: sent.sendAssessment.assessment.id, vendorId: vendor.id };
}
