import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { ReassessmentPolicyRecord } from './reassessment/reassessment-policy.entity.js';
import { ReassessmentPolicyService } from './reassessment/reassessment-policy.service.js';
import { RiskRubricRecord } from './risk/risk-rubric.entity.js';
import { RiskRubricService } from './risk/risk-rubric.service.js';
import { SubProcessor } from './sub-processor.entity.js';
import { VendorContact } from './vendor-contact.entity.js';
import { VendorContactService } from './vendor-contact.service.js';
import { Vendor } from './vendor.entity.js';
import { VendorService } from './vendor.service.js';

export const VENDOR_ENTITIES = [
  Vendor,
  VendorContact,
  SubProcessor,
  RiskRubricRecord,
  ReassessmentPolicyRecord,
];

const SERVICES = [
  ReassessmentPolicyService,
  RiskRubricService,
  VendorContactService,
  VendorService,
];

/** The vendor inventory: vendors, their contacts and sub-processors, and inherent risk. */
@Module({
  imports: [DatabaseModule.forFeature(VENDOR_ENTITIES), AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class VendorModule {}
