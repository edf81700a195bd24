import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '#core';
import {
  VendorContactService,
  VendorService,
  type SubProcessor,
  type Vendor,
  type VendorContact,
} from '#vendor';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

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
