export {
  AddressRefusedError,
  addressRange,
  guardedLookup,
  refusalOf,
  resolveAllowed,
  systemResolver,
  type AddressPolicy,
  type HostResolver,
  type ResolvedAddress,
} from './address-guard.js';
export { nextRetryDelayMs, retrySchedule, type RetryPolicy } from './retry-schedule.js';
export {
  FINAL_DELIVERY_STATUSES,
  MAX_RECORDED_ATTEMPTS,
  WebhookDelivery,
  WebhookDeliveryStatus,
  type WebhookAttempt,
} from './webhook-delivery.entity.js';
export { WEBHOOK_USER_AGENT, WebhookDeliveryJob } from './webhook-delivery.job.js';
export { WebhookEndpoint } from './webhook-endpoint.entity.js';
export {
  MAX_WEBHOOK_ENDPOINTS,
  WebhookEndpointService,
  type EndpointWithSecret,
  type WebhookEndpointChanges,
  type WebhookEndpointInput,
} from './webhook-endpoint.service.js';
export { WEBHOOK_EVENT_TYPES, WebhookEventType } from './webhook-event-type.js';
export {
  webhookGlobalId,
  type WebhookEvent,
  type WebhookPayload,
  type WebhookSummary,
} from './webhook-event.js';
export { MAX_RESPONSE_BYTES, WebhookSender, type WebhookResponse } from './webhook-sender.js';
export {
  SIGNATURE_TOLERANCE_SECONDS,
  newWebhookSecret,
  signatureHeader,
  verifyWebhookSignature,
  webhookSignature,
} from './webhook-signature.js';
export { STALE_ATTEMPT_MS, WebhookSweepJob } from './webhook-sweep.job.js';
export { WebhookTransport } from './webhook-transport.js';
export { checkWebhookUrl, parseWebhookUrl } from './webhook-url.js';
export { WEBHOOK_ENTITIES, WebhookModule } from './webhook.module.js';
export { WebhookService, deliveryJobKey, type WebhookDeliveryFilter } from './webhook.service.js';
