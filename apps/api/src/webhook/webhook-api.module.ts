import { Module } from '@nestjs/common';
import { WebhookModule } from '#webhook';
import { WebhookEndpointByIdLoader } from './webhook.loaders.js';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhook.resolver.js';

@Module({
  imports: [WebhookModule],
  providers: [WebhookEndpointResolver, WebhookDeliveryResolver, WebhookEndpointByIdLoader],
})
export class WebhookApiModule {}
