import { Injectable } from '@nestjs/common';
import {
  JobName,
  OnJob,
  OutboxService,
  RequestContext,
  SecretBox,
  TransactionalConnection,
  type JobPayloads,
} from '#core';
import { EmailMessage } from './email-message.entity.js';
import { MailTransport } from './mail-transport.js';
import {
  renderEmail,
  type EmailTemplateName,
  type EmailTemplates,
  type Locale,
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

const sealContext = (id: string) => `email:${id}`;

@Injectable()
export class EmailService {
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

  /** Renders and sends one email. A message already sent is not sent again. */
  @OnJob(JobName.SendEmail)
  async deliver(ctx: RequestContext, data: JobPayloads[JobName.SendEmail]): Promise<void> {
    const system = RequestContext.system('email', ctx.requestId);
    const message = await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, EmailMessage)).findOneBy({ id: data.emailId }),
    );
    if (!message || message.status === 'SENT') return;
    const secrets = message.sealedParams
      ? (JSON.parse(this.secrets.open(message.sealedParams, sealContext(message.id))) as Record<
          string,
          unknown
        >)
      : {};
    const rendered = renderEmail(
      message.template as EmailTemplateName,
      { ...message.params, ...secrets } as never,
      message.locale as Locale,
    );
    try {
      await this.transport.send({ ...rendered, to: message.recipient, messageId: message.id });
    } catch (error) {
      await this.connection.systemTransaction(system, async (tx) =>
        (await this.connection.repository(tx, EmailMessage)).update(
          { id: message.id },
          {
            attempts: message.attempts + 1,
            lastError: String((error as Error).message).slice(0, 500),
          },
        ),
      );
      throw error;
    }
    await this.connection.systemTransaction(system, async (tx) =>
      (await this.connection.repository(tx, EmailMessage)).update(
        { id: message.id },
        { status: 'SENT', attempts: message.attempts + 1, sentAt: new Date(), lastError: null },
      ),
    );
  }
}
