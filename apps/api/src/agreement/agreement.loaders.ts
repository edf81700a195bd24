import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AgreementService, type Agreement, type AgreementClause } from '#agreement';
import type { RequestContext } from '#core';
import type { LoaderDefinition } from '../graphql/graphql-context.js';
import { groupBy } from '../graphql/group-by.js';

@Injectable()
export class AgreementByIdLoader implements LoaderDefinition<string, Agreement | null> {
  constructor(private readonly agreements: AgreementService) {}

  create(ctx: RequestContext): DataLoader<string, Agreement | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.agreements.findByIds(ctx, ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}

/** A vendor's agreements with their checklists, in one statement for a page of vendors. */
@Injectable()
export class AgreementsByVendorLoader implements LoaderDefinition<string, Agreement[]> {
  constructor(private readonly agreements: AgreementService) {}

  create(ctx: RequestContext): DataLoader<string, Agreement[]> {
    return new DataLoader(async (vendorIds) =>
      groupBy(
        vendorIds,
        await this.agreements.agreementsOfVendors(ctx, vendorIds),
        (row) => row.vendorId,
      ),
    );
  }
}

@Injectable()
export class ClausesByAgreementLoader implements LoaderDefinition<string, AgreementClause[]> {
  constructor(private readonly agreements: AgreementService) {}

  create(ctx: RequestContext): DataLoader<string, AgreementClause[]> {
    return new DataLoader(async (agreementIds) =>
      groupBy(
        agreementIds,
        await this.agreements.clausesOf(ctx, agreementIds),
        (row) => row.agreementId,
      ),
    );
  }
}
