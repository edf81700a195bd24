import type { WebhookDelivery, WebhookEndpoint } from '#webhook';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  WebhookDeliveryAttemptModel,
  WebhookDeliveryModel,
  WebhookEndpointModel,
} from './webhook.model.js';

export const WEBHOOK_ENDPOINT_TYPE = 'WebhookEndpoint';
export const WEBHOOK_DELIVERY_TYPE = 'WebhookDelivery';

/** Never the secret: the entity does not even load it unless asked. */
export function toWebhookEndpointModel(endpoint: WebhookEndpoint): WebhookEndpointModel {
  return Object.assign(new WebhookEndpointModel(), {
    id: toGlobalId(WEBHOOK_ENDPOINT_TYPE, endpoint.id),
    rowId: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    secretRotatedAt: endpoint.secretRotatedAt,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  });
}

export function toWebhookDeliveryModel(delivery: WebhookDelivery): WebhookDeliveryModel {
  return Object.assign(new WebhookDeliveryModel(), {
    id: toGlobalId(WEBHOOK_DELIVERY_TYPE, delivery.id),
    rowId: delivery.id,
    endpointRowId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    series: delivery.series,
    attemptCount: delivery.attemptCount,
    attempts: delivery.attempts.map((attempt) =>
      Object.assign(new WebhookDeliveryAttemptModel(), {
        series: attempt.series,
        attempt: attempt.attempt,
        attemptedAt: new Date(attempt.at),
        statusCode: attempt.statusCode,
        error: attempt.error,
        durationMs: attempt.durationMs,
        nextAttemptAt: attempt.nextAttemptAt ? new Date(attempt.nextAttemptAt) : null,
      }),
    ),
    lastAttemptAt: delivery.lastAttemptAt,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.nextAttemptAt,
    finishedAt: delivery.finishedAt,
    payload: JSON.parse(delivery.body) as unknown,
    createdAt: delivery.createdAt,
  });
}
