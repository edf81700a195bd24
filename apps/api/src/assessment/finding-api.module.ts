import { Module } from '@nestjs/common';
import { AssessmentModule } from '#assessment';
import { IdentityModule } from '#identity';
import { VendorApiModule } from '../vendor/vendor-api.module.js';
import {
  AssessmentByIdLoader,
  FindingsByAssessmentLoader,
  FindingsByVendorLoader,
  MemberByIdLoader,
  OpenFindingCountByVendorLoader,
  OpenFindingsByVendorLoader,
} from './finding.loaders.js';
import {
  AssessmentFindingsResolver,
  FindingResolver,
  VendorAssessmentFindingsResolver,
  VendorFindingsResolver,
} from './finding.resolver.js';

/** Findings over GraphQL, and the finding fields of Assessment, Vendor and VendorAssessment. */
@Module({
  imports: [AssessmentModule, IdentityModule, VendorApiModule],
  providers: [
    FindingResolver,
    AssessmentFindingsResolver,
    VendorFindingsResolver,
    VendorAssessmentFindingsResolver,
    AssessmentByIdLoader,
    FindingsByAssessmentLoader,
    FindingsByVendorLoader,
    MemberByIdLoader,
    OpenFindingCountByVendorLoader,
    OpenFindingsByVendorLoader,
  ],
})
export class FindingApiModule {}
