import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '#core';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import {
  VendorContactService,
  VendorService,
  type SubProcessor,
  type Vendor,
  type VendorContact,
  VENDOR_SUMMARY_COLUMNS,
  type VendorSummary,
  type VendorSummaryColumn,
} from '#vendor';
import type { LoaderDefinition, LoaderRegistry } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';
import { selectedFieldNames, selectsOnly } from '../graphql/selection.js';
import { toVendorModel, toVendorSummaryModel } from './vendor.mapper.js';
import type { VendorModel } from './vendor.model.js';

@Injectable()
export class VendorByIdLoader implements LoaderDefinition<string, Vendor | null> {
  constructor(private readonly vendors: VendorService) {}

  create(ctx: RequestContext): DataLoader<string, Vendor | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.vendors.findByIds(ctx, ids)).map((v) => [v.id, v]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

@Injectable()
export class VendorSummaryByIdLoader implements LoaderDefinition<string, VendorSummary | null> {
  constructor(private readonly vendors: VendorService) {}

  create(ctx: RequestContext): DataLoader<string, VendorSummary | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.vendors.summariesByIds(ctx, ids)).map((v) => [v.id, v]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/**
 * The Vendor fields a summary answers: its columns (VENDOR_SUMMARY_COLUMNS) and the fields
 * resolved from the vendor's id alone.
 */
const SUMMARY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'name',
  'legalName',
  'website',
  'country',
  'services',
  'lifecycle',
  'tags',
  'tier',
  'residualRating',
  'lastAssessedAt',
  'nextAssessmentDueAt',
  'offboardedAt',
  'offboardingReason',
  'impactAssessedOn',
  'version',
  'createdAt',
  'updatedAt',
  'contacts',
  'subProcessors',
  'agreements',
  'findings',
  'openFindingCount',
]);

/**
 * Resolves a field that leads to a vendor (an assessment's, a finding's, an agreement's): the
 * whole vendor, or only its summary when the selection asks for nothing more, which is what a
 * list beside the vendor's name mostly wants.
 */
@Injectable()
export class VendorFieldLoader {
  constructor(
    private readonly vendorById: VendorByIdLoader,
    private readonly summaryById: VendorSummaryByIdLoader,
  ) {}

  /**
   * The summary columns `fieldNodes` (selections of a vendor) need, or null when they ask for
   * something a summary lacks.
   */
  summaryColumns(
    fieldNodes: readonly FieldNode[],
    info: GraphQLResolveInfo,
  ): VendorSummaryColumn[] | null {
    const names = selectedFieldNames(fieldNodes, info.fragments);
    for (const name of names) if (!SUMMARY_FIELDS.has(name)) return null;
    return VENDOR_SUMMARY_COLUMNS.filter((column) => names.has(column));
  }

  async load(loaders: LoaderRegistry, id: string, info: GraphQLResolveInfo): Promise<VendorModel> {
    if (selectsOnly(info, SUMMARY_FIELDS)) {
      const summary = await loaders.get(this.summaryById).load(id);
      if (summary) return toVendorSummaryModel(summary);
    } else {
      const vendor = await loaders.get(this.vendorById).load(id);
      if (vendor) return toVendorModel(vendor);
    }
    // Every row naming a vendor references it; a missing one is a broken invariant.
    throw new Error(`Vendor ${id} is missing`);
  }
}

@Injectable()
export class ContactsByVendorLoader implements LoaderDefinition<string, VendorContact[]> {
  constructor(private readonly contacts: VendorContactService) {}

  create(ctx: RequestContext): DataLoader<string, VendorContact[]> {
    return new DataLoader(async (vendorIds) =>
      groupBy(vendorIds, await this.contacts.contactsOf(ctx, vendorIds), (row) => row.vendorId),
    );
  }
}

@Injectable()
export class SubProcessorsByVendorLoader implements LoaderDefinition<string, SubProcessor[]> {
  constructor(private readonly vendors: VendorService) {}

  create(ctx: RequestContext): DataLoader<string, SubProcessor[]> {
    return new DataLoader(async (vendorIds) =>
      groupBy(vendorIds, await this.vendors.subProcessorsOf(ctx, vendorIds), (row) => row.vendorId),
    );
  }
}
