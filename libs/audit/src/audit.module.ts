import { Module } from '@nestjs/common';
import { DatabaseModule } from '#core';
import { AuditChain, AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

export const AUDIT_ENTITIES = [AuditEvent, AuditChain];

/** The append-only, hash-chained trail of every change. */
@Module({
  imports: [DatabaseModule.forFeature(AUDIT_ENTITIES)],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
