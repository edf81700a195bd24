import { Module } from '@nestjs/common';
import { VendorModule } from '#vendor';
import { VendorContactResolver } from './vendor-contact.resolver.js';
import {
  ContactsByVendorLoader,
  SubProcessorsByVendorLoader,
  VendorByIdLoader,
  VendorFieldLoader,
  VendorSummaryByIdLoader,
} from './vendor.loaders.js';
import { VendorResolver } from './vendor.resolver.js';

const LOADERS = [
  ContactsByVendorLoader,
  SubProcessorsByVendorLoader,
  VendorByIdLoader,
  VendorSummaryByIdLoader,
  VendorFieldLoader,
];

@Module({
  imports: [VendorModule],
  providers: [VendorResolver, VendorContactResolver, ...LOADERS],
  exports: LOADERS,
})
export class VendorApiModule {}
