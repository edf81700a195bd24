import { Injectable } from '@nestjs/common';
import { AuditService, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  SecretBox,
  TransactionalConnection,
  actorId,
  paginate,
  type FieldProblem,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-event-type.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { newWebhookSecret } from './webhook-signature.js';
import { WebhookTransport } from './webhook-transport.js';

/** Endpoints one organization may have: each event is sent to every subscribed one. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
const MAX_DESCRIPTION = 500;

export interface WebhookEndpointInput {
  readonly url: string;
  readonly eventTypes: readonly WebhookEventType[];
  readonly description?: string | null;
}

export interface WebhookEndpointChanges {
  readonly url?: string | null;
  readonly eventTypes?: readonly WebhookEventType[] | null;
  readonly description?: string | null;
  readonly enabled?: boolean | null;
}

/** An endpoint and its signing secret, which is shown this once. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

/** What a sealed secret is bound to: it opens for this endpoint only. */
export const endpointSecretContext = (endpointId: string) => `webhook-endpoint:${endpointId}`;

const auditView = (endpoint: WebhookEndpoint): AuditValues => ({
  url: endpoint.url,
  eventTypes: endpoint.eventTypes,
  description: endpoint.description,
  enabled: endpoint.enabled,
});

/** Admins' endpoints: registering, changing, rotating secrets, removing, listing. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly transport: WebhookTransport,
  ) {}

  /** Registers an endpoint of the organization of `ctx`; the payload holds its secret once. */
  async create(ctx: RequestContext, input: WebhookEndpointInput): Promise<EndpointWithSecret> {
    const fields = await this.checked(input);
    return this.connection.transaction(ctx, async (tx) => {
      const endpoints = await this.connection.repository(tx, WebhookEndpoint);
      const organizationId = this.organizationOf(tx);
      if ((await endpoints.countBy({ organizationId })) >= MAX_WEBHOOK_ENDPOINTS) {
        throw DomainException.conflict(
          `An organization has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first`,
        );
      }
      const secret = newWebhookSecret();
      const endpoint = endpoints.create({
        organizationId,
        url: fields.url!,
        eventTypes: fields.eventTypes!,
        description: fields.description ?? null,
        enabled: true,
        secretRotatedAt: null,
        createdBy: actorId(tx.actor),
      });
      endpoint.sealedSecret = this.secrets.seal(secret, endpointSecretContext(endpoint.id));
      await endpoints.insert(endpoint);
      delete endpoint.sealedSecret;
      await this.audit.record(tx, {
        action: 'webhook_endpoint.created',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        after: auditView(endpoint),
      });
      return { endpoint, secret };
    });
  }

  /** Changes the URL, the event types, the description or whether it is enabled. */
  async update(
    ctx: RequestContext,
    id: string,
    changes: WebhookEndpointChanges,
  ): Promise<WebhookEndpoint> {
    const fields = await this.checked(changes);
    return this.connection.transaction(ctx, async (tx) => {
      const endpoint = await this.lock(tx, id);
      const before = auditView(endpoint);
      if (fields.url !== undefined) endpoint.url = fields.url;
      if (fields.eventTypes !== undefined) endpoint.eventTypes = fields.eventTypes;
      if (fields.description !== undefined) endpoint.description = fields.description;
      if (typeof changes.enabled === 'boolean') endpoint.enabled = changes.enabled;
      await (
        await this.connection.repository(tx, WebhookEndpoint)
      ).update(
        { id },
        {
          url: endpoint.url,
          eventTypes: endpoint.eventTypes,
          description: endpoint.description,
          enabled: endpoint.enabled,
        },
      );
      await this.audit.record(tx, {
        action: 'webhook_endpoint.updated',
        entityType: 'webhook_endpoint',
        entityId: id,
        before,
        after: auditView(endpoint),
      });
      return this.lock(tx, id);
    });
  }

  /**
   * Replaces the signing secret; the payload holds the new one once. Attempts from now on,
   * retries of earlier events included, are signed with it.
   */
  async rotateSecret(ctx: RequestContext, id: string): Promise<EndpointWithSecret> {
    return this.connection.transaction(ctx, async (tx) => {
      await this.lock(tx, id);
      const secret = newWebhookSecret();
      const rotatedAt = this.clock.now();
      await (
        await this.connection.repository(tx, WebhookEndpoint)
      ).update(
        { id },
        {
          sealedSecret: this.secrets.seal(secret, endpointSecretContext(id)),
          secretRotatedAt: rotatedAt,
        },
      );
      await this.audit.record(tx, {
        action: 'webhook_endpoint.secret_rotated',
        entityType: 'webhook_endpoint',
        entityId: id,
        after: { secretRotatedAt: rotatedAt },
      });
      return { endpoint: await this.lock(tx, id), secret };
    });
  }

  /** Removes an endpoint with its deliveries; their pending attempts are not made. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    await this.connection.transaction(ctx, async (tx) => {
      const endpoint = await this.lock(tx, id);
      await (await this.connection.repository(tx, WebhookEndpoint)).delete({ id });
      await this.audit.record(tx, {
        action: 'webhook_endpoint.deleted',
        entityType: 'webhook_endpoint',
        entityId: id,
        before: auditView(endpoint),
      });
    });
  }

  async list(ctx: RequestContext, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    const query = (await this.connection.repository(ctx, WebhookEndpoint))
      .createQueryBuilder('endpoint')
      .where('endpoint.organization_id = :organizationId', {
        organizationId: this.organizationOf(ctx),
      });
    return paginate(query, page, {
      column: 'endpoint.created_at',
      property: 'createdAt',
      direction: 'DESC',
    });
  }

  /** The endpoints with these ids that `ctx` may see. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<WebhookEndpoint[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, WebhookEndpoint))
      .createQueryBuilder('endpoint')
      .where('endpoint.organization_id = :organizationId', {
        organizationId: this.organizationOf(ctx),
      })
      .andWhere('endpoint.id IN (:...ids)', { ids })
      .getMany();
  }

  private async lock(ctx: RequestContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await (
      await this.connection.repository(ctx, WebhookEndpoint)
    ).findOne({
      where: { id, organizationId: this.organizationOf(ctx) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!endpoint) throw DomainException.notFound('Webhook endpoint');
    return endpoint;
  }

  private organizationOf(ctx: RequestContext): string {
    if (!ctx.organizationId) throw DomainException.notFound('Webhook endpoint');
    return ctx.organizationId;
  }

  /** Validated, normalized fields; BAD_USER_INPUT naming every problem. */
  private async checked(input: WebhookEndpointChanges): Promise<{
    url?: string;
    eventTypes?: WebhookEventType[];
    description?: string | null;
  }> {
    const problems: FieldProblem[] = [];
    const fields: { url?: string; eventTypes?: WebhookEventType[]; description?: string | null } =
      {};
    if (input.url !== undefined && input.url !== null) {
      const checked = await this.transport.checkUrl(input.url);
      if (checked.problem !== undefined)
        problems.push({ path: 'input.url', message: checked.problem });
      else fields.url = checked.url;
    }
    if (input.eventTypes !== undefined && input.eventTypes !== null) {
      const known = new Set<string>(WEBHOOK_EVENT_TYPES);
      if (input.eventTypes.length === 0)
        problems.push({ path: 'input.eventTypes', message: 'name at least one event type' });
      else if (input.eventTypes.some((type) => !known.has(type)))
        problems.push({ path: 'input.eventTypes', message: 'names an unknown event type' });
      else
        fields.eventTypes = WEBHOOK_EVENT_TYPES.filter((type) => input.eventTypes!.includes(type));
    }
    if (input.description !== undefined) {
      const description = input.description?.trim() || null;
      if (description && description.length > MAX_DESCRIPTION)
        problems.push({
          path: 'input.description',
          message: `must be at most ${MAX_DESCRIPTION} characters`,
        });
      else fields.description = description;
    }
    if (problems.length) throw DomainException.badUserInput('Invalid webhook endpoint', problems);
    return fields;
  }
}
