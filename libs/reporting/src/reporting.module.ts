import { Module } from '@nestjs/common';
import { DatabaseModule } from '#core';
import { PortfolioService } from './portfolio/portfolio.service.js';

export const REPORTING_ENTITIES: Parameters<typeof DatabaseModule.forFeature>[0] = [];

/** Portfolio reporting and exports: read models over vendors, assessments, findings and agreements. */
@Module({
  imports: [DatabaseModule.forFeature(REPORTING_ENTITIES)],
  providers: [PortfolioService],
  exports: [PortfolioService],
})
export class ReportingModule {}
