import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { ExportModule } from '#reporting';
import { RestAccessGuard } from '../../http/rest-access.guard.js';
import { ExportController } from './export.controller.js';
import { ExportResolver } from './export.resolver.js';

/** requestExport over GraphQL and the download beside it (`GET /exports/download`). */
@Module({
  imports: [ExportModule, IdentityModule],
  controllers: [ExportController],
  providers: [ExportResolver, RestAccessGuard],
})
export class ExportApiModule {}
