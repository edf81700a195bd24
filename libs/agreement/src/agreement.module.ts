import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { VendorModule } from '#vendor';
import { WebhookModule } from '#webhook';
import { AgreementClause } from './agreement-clause.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementService } from './agreement.service.js';

export const AGREEMENT_ENTITIES = [Agreement, AgreementClause];

/** Data-protection agreements with vendors, their clause checklists and coverage. */
@Module({
  imports: [
    DatabaseModule.forFeature(AGREEMENT_ENTITIES),
    AuditModule,
    VendorModule,
    WebhookModule,
  ],
  providers: [AgreementService],
  exports: [AgreementService],
})
export class AgreementModule {}
