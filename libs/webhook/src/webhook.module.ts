import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookDeliveryJob } from './webhook-delivery.job.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookSweepJob } from './webhook-sweep.job.js';
import { WebhookTransport } from './webhook-transport.js';
import { WebhookService } from './webhook.service.js';

export const WEBHOOK_ENTITIES = [WebhookEndpoint, WebhookDelivery];

/** Signed webhooks: endpoints, events recorded with their change, delivery with retries. */
@Module({
  imports: [DatabaseModule.forFeature(WEBHOOK_ENTITIES), AuditModule],
  providers: [
    WebhookService,
    WebhookEndpointService,
    WebhookTransport,
    WebhookDeliveryJob,
    WebhookSweepJob,
  ],
  exports: [WebhookService, WebhookEndpointService],
})
export class WebhookModule {}
