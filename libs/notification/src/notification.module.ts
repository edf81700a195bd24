import { Module } from '@nestjs/common';
import { DatabaseModule } from '#core';
import { EmailMessage } from './email-message.entity.js';
import { EmailService } from './email.service.js';
import { FileMailTransport, MailTransport } from './mail-transport.js';

export const NOTIFICATION_ENTITIES = [EmailMessage];

/** Emails (and later webhooks), always sent after the commit of the change, from the outbox. */
@Module({
  imports: [DatabaseModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [
    EmailService,
    FileMailTransport,
    { provide: MailTransport, useExisting: FileMailTransport },
  ],
  exports: [EmailService, MailTransport, FileMailTransport],
})
export class NotificationModule {}
