import type { WebhookEventType } from './webhook-event-type.js';

/** A few facts a receiver can act on without calling back; never personal data. */
export type WebhookSummary = { readonly [key: string]: string | number | boolean | null };

/** What a change reports: `WebhookService.emit(ctx, event)` inside its transaction. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  /** The GraphQL type of the object the event is about, e.g. `Assessment`. */
  readonly objectType: string;
  /** The object's row id; the payload carries its global id. */
  readonly objectId: string;
  readonly summary: WebhookSummary;
}

/** The JSON body of every delivery. */
export interface WebhookPayload {
  /** The event's id: the same across retries and redeliveries, so receivers can deduplicate. */
  readonly id: string;
  readonly type: WebhookEventType;
  /** ISO time of the change. */
  readonly createdAt: string;
  /** The organization's global id. */
  readonly organizationId: string;
  readonly data: {
    readonly object: { readonly type: string; readonly id: string };
    readonly summary: WebhookSummary;
  };
}

/**
 * The API's global id of a row (the GraphQL type name and the row id, base64url), so that a
 * receiver can fetch the object with `node(id:)`. The API encodes ids the same way; a test in
 * apps/api keeps the two equal.
 */
export function webhookGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`).toString('base64url');
}
