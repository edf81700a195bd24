import { Module } from '@nestjs/common';
import { NotificationModule } from '#notification';
import { EmailMessageResolver } from './email-message.resolver.js';

@Module({
  imports: [NotificationModule],
  providers: [EmailMessageResolver],
})
export class NotificationApiModule {}
