import { Injectable, Logger } from '@nestjs/common';
import {
  DEFAULT_JOB_ATTEMPTS,
  JobName,
  OnJob,
  OutboxService,
  RequestContext,
  SecretBox,
  TransactionalConnection,
  paginate,
  type JobDelivery,
  type JobPayloads,
  type Page,
  type PageRequest,
} from '#core';
import { EmailMessage, type EmailStatus } from './email-message.entity.js';
import { MailDeliveryError, MailTransport } from './mail-transport.js';
import {
  renderEmail,
  type EmailTemplateName,
  type EmailTemplates,
  type Locale,
  type RenderedEmail,
} from './templates/index.js';

export interface EmailRequest<Name extends EmailTemplateName> {
  readonly to: string;
  readonly template: Name;
  readonly locale: Locale;
  readonly organizationId?: string | null;
  /** Parameters that may be stored readable. */
  readonly params: Omit<EmailTemplates[Name], 'token'>;
  /** Parameters that are sealed at rest (link tokens). */
  readonly secretParams?: Partial<EmailTemplates[Name]>;
}

export interface EmailMessageFilter {
  readonly statuses?: readonly EmailStatus[] | null;
}

const sealContext = (id: string) => `email:${id}`;

/** The stored error's column width. */
const MAX_ERROR_LENGTH = 500;

@Injectable()
export class EmailService {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly outbox: OutboxService,
    private readonly transport: MailTransport,
    private readonly secrets: SecretBox,
  ) {}

  /** Queues an email in the transaction of the change that causes it: no commit, no email. */
  async send<Name extends EmailTemplateName>(
    ctx: RequestContext,
    request: EmailRequest<Name>,
  ): Promise<EmailMessage> {
    if (!ctx.inTransaction)
      throw new Error('EmailService.send() must run inside the transaction of the change');
    const messages = await this.connection.repository(ctx, EmailMessage);
    const message = messages.create({
      organizationId: request.organizationId ?? null,
      recipient: request.to,
      locale: request.locale,
      template: request.template,
      params: request.params as unknown as Record<string, string>,
      status: 'PENDING',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    message.sealedParams = request.secretParams
      ? this.secrets.seal(JSON.stringify(request.secretParams), sealContext(message.id))
      : null;
    await messages.insert(message);
    await this.outbox.enqueue(ctx, JobName.SendEmail, { emailId: message.id }, { key: message.id });
    return message;
  }

  /**
   * Renders and sends one email. Only a PENDING message is sent: a SENT one is not sent again, a
   * FAILED one is final. A failure is recorded on the message; it is marked FAILED, and the job
   * stops, when the server refused it for good (no retry: the handler returns) or on the job's
   * last attempt (the handler throws, so the queue keeps the failed job).
   */
  @OnJob(JobName.SendEmail)
  async deliver(
    ctx: RequestContext,
    data: JobPayloads[JobName.SendEmail],
    delivery: JobDelivery,
  ): Promise<void> {
    const system = RequestContext.system('email', ctx.requestId);
    const message = await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, EmailMessage)).findOneBy({ id: data.emailId }),
    );
    if (!message || message.status !== 'PENDING') return;
    let rendered: RenderedEmail;
    try {
      rendered = this.render(message);
    } catch (error) {
      // Stored parameters that do not render never will: retrying cannot help.
      await this.recordFailure(system, message, `Cannot render: ${errorText(error)}`, true);
      return;
    }
    try {
      await this.transport.send({
        ...rendered,
        to: message.recipient,
        messageId: message.id,
        locale: message.locale as Locale,
      });
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const final = permanent || delivery.attempt >= DEFAULT_JOB_ATTEMPTS;
      await this.recordFailure(system, message, errorText(error), final);
      if (permanent) return;
      throw error;
    }
    await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, EmailMessage))
        .createQueryBuilder()
        .update()
        .set({
          status: 'SENT',
          attempts: () => 'attempts + 1',
          sentAt: new Date(),
          lastError: null,
        })
        .where('id = :id AND status = :pending', { id: message.id, pending: 'PENDING' })
        .execute(),
    );
  }

  /** The organization's emails, newest first; their parameters are for rendering only. */
  async list(
    ctx: RequestContext,
    filter: EmailMessageFilter,
    page: PageRequest,
  ): Promise<Page<EmailMessage>> {
    const organizationId = requireOrganization(ctx);
    const query = (await this.connection.repository(ctx, EmailMessage))
      .createQueryBuilder('email')
      .where('email.organization_id = :organizationId', { organizationId });
    if (filter.statuses?.length)
      query.andWhere('email.status IN (:...statuses)', { statuses: filter.statuses });
    return paginate(query, page, {
      column: 'email.created_at',
      property: 'createdAt',
      direction: 'DESC',
    });
  }

  /** Emails of the organization among `ids`, in no particular order. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<EmailMessage[]> {
    const organizationId = requireOrganization(ctx);
    const found = await this.connection.findByIds(ctx, EmailMessage, ids);
    return found.filter((message) => message.organizationId === organizationId);
  }

  private render(message: EmailMessage): RenderedEmail {
    const secrets = message.sealedParams
      ? (JSON.parse(this.secrets.open(message.sealedParams, sealContext(message.id))) as Record<
          string,
          unknown
        >)
      : {};
    return renderEmail(
      message.template as EmailTemplateName,
      { ...message.params, ...secrets } as never,
      message.locale as Locale,
    );
  }

  private async recordFailure(
    system: RequestContext,
    message: EmailMessage,
    error: string,
    final: boolean,
  ): Promise<void> {
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, EmailMessage))
        .createQueryBuilder()
        .update()
        .set({
          attempts: () => 'attempts + 1',
          lastError,
          ...(final ? { status: 'FAILED' as const } : {}),
        })
        .where('id = :id AND status = :pending', { id: message.id, pending: 'PENDING' })
        .execute(),
    );
    if (final)
      this.logger.warn(`Email ${message.id} (${message.template}) failed for good: ${lastError}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Emails are listed for a member of an organization; system contexts list nothing here. */
function requireOrganization(ctx: RequestContext): string {
  if (!ctx.organizationId) throw new Error('Listing emails needs an organization');
  return ctx.organizationId;
}
