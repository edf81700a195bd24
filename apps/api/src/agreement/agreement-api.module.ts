import { Module } from '@nestjs/common';
import { AgreementModule } from '#agreement';
import { VendorModule } from '#vendor';
import { FilesApiModule } from '../files/files-api.module.js';
import { VendorApiModule } from '../vendor/vendor-api.module.js';
import {
  AgreementByIdLoader,
  AgreementsByVendorLoader,
  ClausesByAgreementLoader,
} from './agreement.loaders.js';
import { AgreementResolver } from './agreement.resolver.js';
import { RegimeCoverageResolver, VendorAgreementResolver } from './vendor-agreement.resolver.js';

@Module({
  imports: [AgreementModule, VendorModule, VendorApiModule, FilesApiModule],
  providers: [
    AgreementResolver,
    VendorAgreementResolver,
    RegimeCoverageResolver,
    AgreementByIdLoader,
    AgreementsByVendorLoader,
    ClausesByAgreementLoader,
  ],
})
export class AgreementApiModule {}
