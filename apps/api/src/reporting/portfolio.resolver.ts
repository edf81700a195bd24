import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainException, type RequestContext } from '#core';
import { MAX_EXPIRY_WINDOW_DAYS, MAX_TREND_MONTHS, PortfolioService } from '#reporting';
import { VendorService } from '#vendor';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { Allow } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { ASSESSMENT_TYPE } from '../assessment/assessment.mapper.js';
import { toLocalizedText } from '../questionnaire/questionnaire.mapper.js';
import { VendorFilterInput } from '../vendor/vendor.input.js';
import { READ_VENDORS, vendorFilterOf, vendorRowId } from '../vendor/vendor.resolver.js';
import {
  AssessmentCadenceModel,
  AssessmentStatusCountModel,
  ComplianceGapsModel,
  ExpiringAgreementsModel,
  HeatMapCellModel,
  OpenFindingBucketModel,
  PortfolioOverviewModel,
  PortfolioTrendMonthModel,
  RiskHistoryEntryModel,
  SectionAverageModel,
} from './portfolio.model.js';

function rangeProblem(path: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw DomainException.badUserInput(`${path} must be from ${min} to ${max}`, [
      { path, message: `must be an integer from ${min} to ${max}` },
    ]);
  }
}

/**
 * Portfolio reporting for the organization's members and read keys: each figure of the overview
 * is one SQL aggregate, run only when the client asks for it.
 */
@Resolver(() => PortfolioOverviewModel)
export class PortfolioResolver {
  constructor(
    private readonly portfolio: PortfolioService,
    private readonly vendors: VendorService,
  ) {}

  @Allow(READ_VENDORS)
  @Query(() => PortfolioOverviewModel, {
    description:
      'The portfolio at a glance: tiers × ratings, assessments, section averages, open findings, expiring agreements, compliance gaps and cadence.',
  })
  portfolioOverview(
    @Args('filter', { nullable: true }) filter?: VendorFilterInput,
  ): PortfolioOverviewModel {
    return Object.assign(new PortfolioOverviewModel(), {
      filter: vendorFilterOf(filter),
      asOf: this.portfolio.now(),
    });
  }

  @ResolveField(() => [HeatMapCellModel], {
    description:
      'Vendors by inherent tier × residual rating: every cell, zeros included, TIER_1 first.',
  })
  heatMap(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<HeatMapCellModel[]> {
    return this.portfolio.heatMap(ctx, overview.filter);
  }

  @ResolveField(() => [AssessmentStatusCountModel], {
    description: 'Assessments of the vendors by status, every status listed.',
  })
  assessmentsByStatus(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<AssessmentStatusCountModel[]> {
    return this.portfolio.assessmentsByStatus(ctx, overview.filter);
  }

  @ResolveField(() => [SectionAverageModel], { description: 'By section key.' })
  async sectionAverages(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<SectionAverageModel[]> {
    return (await this.portfolio.sectionAverages(ctx, overview.filter)).map((section) => ({
      ...section,
      title: toLocalizedText(section.title),
      byTier: [...section.byTier],
    }));
  }

  @ResolveField(() => [OpenFindingBucketModel], {
    description:
      'Open findings (OPEN, IN_REMEDIATION) by severity and age: every cell, CRITICAL first.',
  })
  openFindings(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<OpenFindingBucketModel[]> {
    return this.portfolio.openFindings(ctx, overview.filter);
  }

  @ResolveField(() => ExpiringAgreementsModel)
  expiringAgreements(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
    @Args('withinDays', { type: () => Int, defaultValue: 30 }) withinDays: number,
  ): Promise<ExpiringAgreementsModel> {
    rangeProblem('withinDays', withinDays, 0, MAX_EXPIRY_WINDOW_DAYS);
    return this.portfolio.expiringAgreements(ctx, overview.filter, withinDays);
  }

  @ResolveField(() => ComplianceGapsModel)
  complianceGaps(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<ComplianceGapsModel> {
    return this.portfolio.complianceGaps(ctx, overview.filter);
  }

  @ResolveField(() => AssessmentCadenceModel)
  assessmentCadence(
    @Ctx() ctx: RequestContext,
    @Parent() overview: PortfolioOverviewModel,
  ): Promise<AssessmentCadenceModel> {
    return this.portfolio.assessmentCadence(ctx, overview.filter);
  }

  @Allow(READ_VENDORS)
  @Query(() => [RiskHistoryEntryModel], {
    description:
      'A vendor’s completed assessments, oldest first: its scores and ratings over time.',
  })
  async vendorRiskHistory(
    @Ctx() ctx: RequestContext,
    @Args('vendorId', { type: () => ID }) vendorId: string,
  ): Promise<RiskHistoryEntryModel[]> {
    const vendor = await this.vendors.findById(ctx, vendorRowId(vendorId, 'vendorId'));
    return (await this.portfolio.vendorRiskHistory(ctx, vendor.id)).map((entry) => ({
      ...entry,
      assessmentId: toGlobalId(ASSESSMENT_TYPE, entry.assessmentId),
    })) as RiskHistoryEntryModel[];
  }

  @Allow(READ_VENDORS)
  @Query(() => [PortfolioTrendMonthModel], {
    description:
      'The last months (UTC calendar months, this one included), oldest first: mean score of the assessments completed and findings open at each month’s end.',
  })
  portfolioTrend(
    @Ctx() ctx: RequestContext,
    @Args('months', { type: () => Int, defaultValue: 12 }) months: number,
    @Args('filter', { nullable: true }) filter?: VendorFilterInput,
  ): Promise<PortfolioTrendMonthModel[]> {
    rangeProblem('months', months, 1, MAX_TREND_MONTHS);
    return this.portfolio.trend(ctx, vendorFilterOf(filter), months);
  }
}
