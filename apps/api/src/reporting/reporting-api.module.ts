import { Module } from '@nestjs/common';
import { ReportingModule } from '#reporting';
import { VendorModule } from '#vendor';
import { PortfolioResolver } from './portfolio.resolver.js';

@Module({
  imports: [ReportingModule, VendorModule],
  providers: [PortfolioResolver],
})
export class ReportingApiModule {}
