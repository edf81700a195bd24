import type { OnModuleInit } from '@nestjs/common';
import { Args, ID, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AgreementService,
  toCoverageAgreement,
  vendorCoverage,
  type CoverageSubject,
} from '#agreement';
import type { RequestContext } from '#core';
import { VendorService, handlesPersonalData } from '#vendor';
import { Allow } from '../graphql/access/access-rule.js';
import {
  Ctx,
  Loaders,
  type GraphqlContext,
  type LoaderRegistry,
} from '../graphql/graphql-context.js';
import { FileByIdLoader } from '../files/file.loaders.js';
import { toFileModel } from '../files/file.mapper.js';
import { FileModel } from '../files/file.model.js';
import { ListPrefetchRegistry } from '../graphql/relay/list-prefetch.js';
import { VENDOR_TYPE, toVendorModel } from '../vendor/vendor.mapper.js';
import { VendorModel } from '../vendor/vendor.model.js';
import { READ_VENDORS, vendorRowId } from '../vendor/vendor.resolver.js';
import { AgreementByIdLoader, AgreementsByVendorLoader } from './agreement.loaders.js';
import { toAgreementModel, toCoverageModel } from './agreement.mapper.js';
import { AgreementCoverageModel, AgreementModel, RegimeCoverageModel } from './agreement.model.js';

/** The agreement fields of Vendor, and vendor coverage. */
@Resolver(() => VendorModel)
export class VendorAgreementResolver implements OnModuleInit {
  constructor(
    private readonly agreementService: AgreementService,
    private readonly vendors: VendorService,
    private readonly agreementsByVendor: AgreementsByVendorLoader,
    private readonly fileById: FileByIdLoader,
    private readonly prefetch: ListPrefetchRegistry,
  ) {}

  onModuleInit(): void {
    this.prefetch.register<VendorModel>(
      VENDOR_TYPE,
      'agreementCoverage',
      (context, page, selected) => this.prefetchCoverage(context, page, selected.has('agreements')),
    );
  }

  /**
   * The coverage of a page of vendors, in one statement: the agreements themselves when the page
   * shows them too (the loader then answers that field from the same read), else only what
   * coverage needs of them.
   */
  private async prefetchCoverage(
    { ctx, loaders }: GraphqlContext,
    page: readonly VendorModel[],
    withAgreements: boolean,
  ): Promise<void> {
    const ids = page.map((vendor) => vendor.rowId);
    const inputs = withAgreements
      ? (await loaders.get(this.agreementsByVendor).loadMany(ids)).map((agreements) => {
          if (agreements instanceof Error) throw agreements;
          return agreements.map(toCoverageAgreement);
        })
      : await this.agreementService
          .coverageInputsOf(ctx, ids)
          .then((byVendor) => ids.map((id) => byVendor.get(id) ?? []));
    const today = this.agreementService.today();
    page.forEach((vendor, index) => {
      const coverage = vendorCoverage(coverageSubject(vendor), inputs[index]!, today);
      vendor.listedCoverage = toCoverageModel(coverage, today);
    });
  }

  @ResolveField(() => FileModel, {
    nullable: true,
    description: 'The report of the impact assessment recorded in impactAssessedOn.',
  })
  async impactAssessmentDocument(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<FileModel | null> {
    if (!vendor.impactAssessmentFileRowId) return null;
    const file = await loaders.get(this.fileById).load(vendor.impactAssessmentFileRowId);
    return file && toFileModel(file);
  }

  @Allow(READ_VENDORS)
  @Query(() => AgreementCoverageModel, {
    description:
      'Whether the vendor’s signed agreements in force cover every law that applies to it, and which mandatory clauses are missing.',
  })
  async agreementCoverage(
    @Ctx() ctx: RequestContext,
    @Loaders() loaders: LoaderRegistry,
    @Args('vendorId', { type: () => ID }) vendorId: string,
  ): Promise<AgreementCoverageModel> {
    const vendor = toVendorModel(
      await this.vendors.findById(ctx, vendorRowId(vendorId, 'vendorId')),
    );
    return this.coverage(vendor, loaders);
  }

  @ResolveField(() => [AgreementModel], { description: 'Newest first.' })
  async agreements(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AgreementModel[]> {
    const today = this.agreementService.today();
    return (await loaders.get(this.agreementsByVendor).load(vendor.rowId)).map((agreement) =>
      toAgreementModel(agreement, today),
    );
  }

  @ResolveField(() => AgreementCoverageModel, { name: 'agreementCoverage' })
  coverageField(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): AgreementCoverageModel | Promise<AgreementCoverageModel> {
    return vendor.listedCoverage ?? this.coverage(vendor, loaders);
  }

  private async coverage(
    vendor: VendorModel,
    loaders: LoaderRegistry,
  ): Promise<AgreementCoverageModel> {
    const agreements = await loaders.get(this.agreementsByVendor).load(vendor.rowId);
    const today = this.agreementService.today();
    return toCoverageModel(
      this.agreementService.coverage(coverageSubject(vendor), agreements, today),
      today,
    );
  }
}

/** What coverage asks of the vendor itself. */
function coverageSubject(vendor: VendorModel): CoverageSubject {
  return {
    requirements: vendor.inherentRisk.requirements,
    handlesPersonalData: handlesPersonalData(vendor.dataProfile),
  };
}

@Resolver(() => RegimeCoverageModel)
export class RegimeCoverageResolver {
  constructor(
    private readonly agreements: AgreementService,
    private readonly agreementById: AgreementByIdLoader,
  ) {}

  @ResolveField(() => AgreementModel, {
    nullable: true,
    description: 'The agreement in force that covers the law, or comes closest to.',
  })
  async agreement(
    coverage: RegimeCoverageModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AgreementModel | null> {
    if (!coverage.agreementRowId) return null;
    const agreement = await loaders.get(this.agreementById).load(coverage.agreementRowId);
    return agreement && toAgreementModel(agreement, this.agreements.today());
  }
}
