import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AppConfig, type RequestContext } from '#core';
import { ExportService, type ExportFindingFilter } from '#reporting';
import type { VendorFilter } from '#vendor';
import { assessmentRowId } from '../../assessment/assessment.resolver.js';
import type { FindingFilterInput } from '../../assessment/finding.input.js';
import { Allow, enforceAccess } from '../../graphql/access/access-rule.js';
import { Ctx } from '../../graphql/graphql-context.js';
import { fromGlobalId } from '../../graphql/relay/global-id.js';
import { MEMBER_TYPE } from '../../identity/identity.mapper.js';
import type { VendorFilterInput } from '../../vendor/vendor.input.js';
import { vendorRowId } from '../../vendor/vendor.resolver.js';
import { EXPORT_RULES, REQUEST_EXPORT } from './export-access.js';
import { RequestExportInput } from './export.input.js';
import { toExportDownloadModel } from './export.mapper.js';
import { RequestExportPayload } from './export.model.js';

const memberRowId = (globalId: string | undefined, path: string) =>
  globalId === undefined
    ? undefined
    : fromGlobalId(globalId, { path, expectedType: MEMBER_TYPE }).id;

/** The vendor filter with its member ids decoded, as the `vendors` query applies it. */
function vendorFilterOf(filter: VendorFilterInput): VendorFilter {
  return {
    ...filter,
    riskOwnerId: memberRowId(filter.riskOwnerId, 'input.vendorFilter.riskOwnerId'),
    businessOwnerId: memberRowId(filter.businessOwnerId, 'input.vendorFilter.businessOwnerId'),
  };
}

/** The findings filter with its ids decoded, as the `findings` query applies it. */
function findingFilterOf(filter: FindingFilterInput): ExportFindingFilter {
  return {
    vendorId: filter.vendorId ? vendorRowId(filter.vendorId, 'input.findingFilter.vendorId') : null,
    assessmentId: filter.assessmentId
      ? assessmentRowId(filter.assessmentId, 'input.findingFilter.assessmentId')
      : null,
    statuses: filter.statuses,
    severities: filter.severities,
    openOnly: filter.openOnly,
  };
}

@Resolver()
export class ExportResolver {
  constructor(
    private readonly exports: ExportService,
    private readonly config: AppConfig,
  ) {}

  @Allow(REQUEST_EXPORT)
  @Mutation(() => RequestExportPayload, {
    description:
      'A short-lived link to download the vendor register, findings or an assessment’s answers (CSV or XLSX), or an assessment report (PDF). Allowed to whoever may read what it exports.',
  })
  async requestExport(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RequestExportInput,
  ): Promise<RequestExportPayload> {
    enforceAccess(ctx, null, EXPORT_RULES[input.kind]);
    const issued = await this.exports.request(ctx, {
      kind: input.kind,
      format: input.format,
      assessmentId: input.assessmentId
        ? assessmentRowId(input.assessmentId, 'input.assessmentId')
        : null,
      language: input.language,
      vendorFilter: input.vendorFilter ? vendorFilterOf(input.vendorFilter) : null,
      vendorOrder: input.vendorOrderBy
        ? { field: input.vendorOrderBy.field, direction: input.vendorOrderBy.direction }
        : null,
      findingFilter: input.findingFilter ? findingFilterOf(input.findingFilter) : null,
    });
    return { download: toExportDownloadModel(issued, this.config.publicUrl) };
  }
}
