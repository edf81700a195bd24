import { Module } from '@nestjs/common';
import { DatabaseModule } from '#core';

export const REPORTING_ENTITIES: Parameters<typeof DatabaseModule.forFeature>[0] = [];

/** Portfolio reporting and exports: read models over vendors, assessments, findings and agreements. */
@Module({
  imports: [DatabaseModule.forFeature(REPORTING_ENTITIES)],
  providers: [],
  exports: [],
})
export class ReportingModule {}
