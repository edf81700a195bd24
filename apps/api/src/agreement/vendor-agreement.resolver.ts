import { Args, ID, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AgreementService } from '#agreement';
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
import { toVendorModel } from '../vendor/vendor.mapper.js';
import { VendorModel } from '../vendor/vendor.model.js';
import { READ_VENDORS, vendorRowId } from '../vendor/vendor.resolver.js';
import { AgreementByIdLoader, AgreementsByVendorLoader } from './agreement.loaders.js';
import { toAgreementModel, toCoverageModel } from './agreement.mapper.js';
import { AgreementCoverageModel, AgreementModel, RegimeCoverageModel } from './agreement.model.js';

/** The agreement fields of Vendor, and vendor coverage. */
@Resolver(() => VendorModel)
export class VendorAgreementResolver {
  constructor(
    private readonly agreementService: AgreementService,
    private readonly vendors: VendorService,
    private readonly agreementsByVendor: AgreementsByVendorLoader,
    private readonly fileById: FileByIdLoader,
  ) {}

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
  ): Promise<AgreementCoverageModel> {
    return this.coverage(vendor, loaders);
  }

  private async coverage(
    vendor: VendorModel,
    loaders: LoaderRegistry,
  ): Promise<AgreementCoverageModel> {
    const agreements = await loaders.get(this.agreementsByVendor).load(vendor.rowId);
    const subject = {
      requirements: vendor.inherentRisk.requirements,
      handlesPersonalData: handlesPersonalData(vendor.dataProfile),
    };
    const today = this.agreementService.today();
    return toCoverageModel(this.agreementService.coverage(subject, agreements, today), today);
  }
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
