import { Module } from '@nestjs/common';
import { AppConfig, DatabaseModule } from '#core';
import { EmailMessage } from './email-message.entity.js';
import { EmailService } from './email.service.js';
import { FileMailTransport, MailTransport } from './mail-transport.js';
import { SmtpMailTransport } from './smtp-mail-transport.js';

export const NOTIFICATION_ENTITIES = [EmailMessage];

/** Emails (and later webhooks), always sent after the commit of the change, from the outbox. */
@Module({
  imports: [DatabaseModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [
    EmailService,
    {
      // SMTP when SMTP_URL is set; otherwise .eml files in the data directory.
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.smtpUrl
          ? new SmtpMailTransport(config.mail.from, config.mail.smtpUrl)
          : new FileMailTransport(config),
    },
  ],
  exports: [EmailService, MailTransport],
})
export class NotificationModule {}
