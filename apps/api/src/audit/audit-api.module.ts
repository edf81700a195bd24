import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { AuditResolver } from './audit.resolver.js';

@Module({
  imports: [AuditModule],
  providers: [AuditResolver],
})
export class AuditApiModule {}
