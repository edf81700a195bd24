import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { ExportLink } from './export-link.entity.js';
import { ExportService } from './export.service.js';
import { ReportFont } from './pdf-font.js';

export const EXPORT_ENTITIES = [ExportLink];

/** Exports of the vendor register, an assessment's answers and report, and findings. */
@Module({
  imports: [DatabaseModule.forFeature(EXPORT_ENTITIES), AuditModule],
  providers: [ExportService, ReportFont],
  exports: [ExportService],
})
export class ExportModule {}
