import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '#core';
import { systemResolver, withResolveTimeout, type AddressPolicy } from './address-guard.js';
import { WebhookSender, type WebhookRequest, type WebhookResponse } from './webhook-sender.js';
import { checkWebhookUrl } from './webhook-url.js';

/** The network side of webhooks, configured once: which URLs are acceptable, and sending. */
@Injectable()
export class WebhookTransport implements OnModuleDestroy {
  readonly policy: AddressPolicy;
  private readonly sender: WebhookSender;
  private readonly timeoutMs: number;

  constructor(config: AppConfig) {
    const webhooks = config.webhooks;
    this.timeoutMs = webhooks.timeoutMs;
    this.policy = {
      allowPrivate: webhooks.allowPrivateAddresses,
      allowed: webhooks.allowedAddresses,
    };
    this.sender = new WebhookSender({ timeoutMs: webhooks.timeoutMs, policy: this.policy });
  }

  /** The normalized URL, or what is wrong with it (see checkWebhookUrl). */
  checkUrl(raw: string) {
    return checkWebhookUrl(raw, this.policy, withResolveTimeout(systemResolver, this.timeoutMs));
  }

  send(request: WebhookRequest, signal?: AbortSignal): Promise<WebhookResponse> {
    return this.sender.send(request, signal);
  }

  async onModuleDestroy(): Promise<void> {
    await this.sender.close();
  }
}
