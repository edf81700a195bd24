import type { GraphQLResolveInfo } from 'graphql';
import type { OnModuleInit } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AssessmentService, FindingService, type Finding } from '#assessment';
import { ApiKeyScope, DomainException, Role, type RequestContext } from '#core';
import { FILE_TYPE } from '../files/file.mapper.js';
import { Allow, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import {
  Connection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { MEMBER_TYPE, toMemberModel } from '../identity/identity.mapper.js';
import { MemberModel } from '../identity/member.model.js';
import { VendorFieldLoader } from '../vendor/vendor.loaders.js';
import { VendorModel } from '../vendor/vendor.model.js';
import { vendorRowId } from '../vendor/vendor.resolver.js';
import { toAssessmentModel } from './assessment.mapper.js';
import { AssessmentModel, VendorAssessmentModel } from './assessment.model.js';
import { READ_ASSESSMENTS, assessmentRowId } from './assessment.resolver.js';
import {
  AcceptFindingRiskInput,
  FindingFilterInput,
  RaiseFindingInput,
  ResolveFindingInput,
  RespondToFindingInput,
  UpdateFindingInput,
} from './finding.input.js';
import {
  AssessmentByIdLoader,
  FindingsByAssessmentLoader,
  FindingsByVendorLoader,
  MemberByIdLoader,
  OpenFindingCountByVendorLoader,
  OpenFindingsByVendorLoader,
} from './finding.loaders.js';
import { FINDING_TYPE, toFindingModel, toVendorFindingModel } from './finding.mapper.js';
import { FindingModel, VendorFindingModel } from './finding.model.js';
import {
  AcceptFindingRiskPayload,
  RaiseFindingPayload,
  ResolveFindingPayload,
  RespondToFindingPayload,
  UpdateFindingPayload,
} from './finding.payload.js';

/** Everyone who reads assessments reads their findings. */
export const READ_FINDINGS: AccessRule = READ_ASSESSMENTS;
/** Risk owners (and admins) raise and work findings; integrations such as ticketing too. */
const WRITE_FINDINGS: AccessRule = {
  roles: [Role.Admin, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
};
/** Accepting a risk is a person's judgement: risk owners and admins, never a key. */
const ACCEPT_FINDING_RISK: AccessRule = { roles: [Role.Admin, Role.RiskOwner] };
/** Only the vendor contact, and only for findings of its own vendor. */
const VENDOR_CONTACT: AccessRule = { vendorContact: true };

const FindingConnection = Connection(FindingModel, FINDING_TYPE);

export const findingRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: FINDING_TYPE }).id;

const memberRowId = (globalId: string | null | undefined, path: string) =>
  typeof globalId !== 'string'
    ? globalId
    : fromGlobalId(globalId, { path, expectedType: MEMBER_TYPE }).id;

/** Findings for the organization: the list, one finding, raising and working them. */
@Resolver(() => FindingModel)
export class FindingResolver implements OnModuleInit {
  constructor(
    private readonly findingService: FindingService,
    private readonly assessments: AssessmentService,
    private readonly nodes: NodeRegistry,
    private readonly vendorField: VendorFieldLoader,
    private readonly assessmentById: AssessmentByIdLoader,
    private readonly memberById: MemberByIdLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(FINDING_TYPE, {
      access: READ_FINDINGS,
      fetch: async ({ ctx }, id) => {
        const [finding] = await this.findingService.findByIds(ctx, [id]);
        return finding ? this.toModel(finding) : null;
      },
    });
  }

  @Allow(READ_FINDINGS)
  @Query(() => FindingConnection, { description: 'Findings, newest first.' })
  async findings(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: FindingFilterInput,
  ): Promise<ConnectionValue<FindingModel>> {
    const result = await this.findingService.list(
      ctx,
      {
        vendorId: filter?.vendorId ? vendorRowId(filter.vendorId, 'filter.vendorId') : null,
        assessmentId: filter?.assessmentId
          ? assessmentRowId(filter.assessmentId, 'filter.assessmentId')
          : null,
        statuses: filter?.statuses,
        severities: filter?.severities,
        openOnly: filter?.openOnly,
      },
      page,
    );
    return toConnection(result, (finding) => this.toModel(finding), page.after);
  }

  @Allow(READ_FINDINGS)
  @Query(() => FindingModel, { description: 'One finding; NOT_FOUND when there is none.' })
  async finding(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<FindingModel> {
    return this.toModel(await this.findingService.findById(ctx, findingRowId(id, 'id')));
  }

  @Allow(WRITE_FINDINGS)
  @Mutation(() => RaiseFindingPayload, {
    description: 'Raises a finding by hand against a vendor (and optionally an assessment).',
  })
  async raiseFinding(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RaiseFindingInput,
  ): Promise<RaiseFindingPayload> {
    const finding = await this.findingService.raise(ctx, {
      vendorId: vendorRowId(input.vendorId, 'input.vendorId'),
      assessmentId: input.assessmentId
        ? assessmentRowId(input.assessmentId, 'input.assessmentId')
        : null,
      questionKey: input.questionKey,
      severity: input.severity,
      title: input.title,
      description: input.description,
      ownerId: memberRowId(input.ownerId, 'input.ownerId'),
      dueDate: input.dueDate,
    });
    return { finding: this.toModel(finding) };
  }

  @Allow(WRITE_FINDINGS)
  @Mutation(() => UpdateFindingPayload, {
    description:
      'Changes an open finding, or moves it between OPEN and IN_REMEDIATION; a stale expectedVersion or an illegal move is CONFLICT.',
  })
  async updateFinding(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateFindingInput,
  ): Promise<UpdateFindingPayload> {
    const finding = await this.findingService.update(
      ctx,
      findingRowId(input.findingId, 'input.findingId'),
      {
        severity: input.severity,
        title: input.title,
        description: input.description,
        ownerId: memberRowId(input.ownerId, 'input.ownerId'),
        dueDate: input.dueDate,
        status: input.status,
        expectedVersion: input.expectedVersion,
      },
    );
    return { finding: this.toModel(finding) };
  }

  @Allow(WRITE_FINDINGS)
  @Mutation(() => ResolveFindingPayload, {
    description: 'OPEN or IN_REMEDIATION → RESOLVED (final); anything else is CONFLICT.',
  })
  async resolveFinding(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ResolveFindingInput,
  ): Promise<ResolveFindingPayload> {
    const finding = await this.findingService.resolve(
      ctx,
      findingRowId(input.findingId, 'input.findingId'),
      { note: input.note, expectedVersion: input.expectedVersion },
    );
    return { finding: this.toModel(finding) };
  }

  @Allow(ACCEPT_FINDING_RISK)
  @Mutation(() => AcceptFindingRiskPayload, {
    description:
      'OPEN or IN_REMEDIATION → RISK_ACCEPTED, with a justification and an expiry date after today.',
  })
  async acceptFindingRisk(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcceptFindingRiskInput,
  ): Promise<AcceptFindingRiskPayload> {
    const finding = await this.findingService.acceptRisk(
      ctx,
      findingRowId(input.findingId, 'input.findingId'),
      {
        justification: input.justification,
        expiresOn: input.expiresOn,
        expectedVersion: input.expectedVersion,
      },
    );
    return { finding: this.toModel(finding) };
  }

  @ResolveField(() => VendorModel)
  vendor(
    finding: FindingModel,
    _args: unknown,
    { loaders }: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Promise<VendorModel> {
    return this.vendorField.load(loaders, finding.vendorRowId, info);
  }

  @ResolveField(() => AssessmentModel, {
    nullable: true,
    description: 'The assessment it was raised in, if any.',
  })
  async assessment(
    finding: FindingModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AssessmentModel | null> {
    if (!finding.assessmentRowId) return null;
    const assessment = await loaders.get(this.assessmentById).load(finding.assessmentRowId);
    return assessment && toAssessmentModel(assessment, this.assessments.today());
  }

  @ResolveField(() => MemberModel, {
    nullable: true,
    description: 'The member who follows it up; null when none (or no longer a member).',
  })
  async owner(
    finding: FindingModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<MemberModel | null> {
    if (!finding.ownerRowId) return null;
    const membership = await loaders.get(this.memberById).load(finding.ownerRowId);
    return membership && toMemberModel(membership);
  }

  private toModel(finding: Finding): FindingModel {
    return toFindingModel(finding, this.findingService.today());
  }
}

/** Assessment.findings: the findings raised in it. */
@Resolver(() => AssessmentModel)
export class AssessmentFindingsResolver {
  constructor(
    private readonly findingService: FindingService,
    private readonly findingsByAssessment: FindingsByAssessmentLoader,
  ) {}

  @ResolveField(() => [FindingModel], { description: 'The findings raised in it, oldest first.' })
  async findings(
    assessment: AssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<FindingModel[]> {
    const today = this.findingService.today();
    return (await loaders.get(this.findingsByAssessment).load(assessment.rowId)).map((finding) =>
      toFindingModel(finding, today),
    );
  }
}

/** Vendor.findings and Vendor.openFindingCount. */
@Resolver(() => VendorModel)
export class VendorFindingsResolver {
  constructor(
    private readonly findingService: FindingService,
    private readonly findingsByVendor: FindingsByVendorLoader,
    private readonly openCountByVendor: OpenFindingCountByVendorLoader,
  ) {}

  @ResolveField(() => [FindingModel], {
    description: 'Every finding of the vendor, across its assessments, oldest first.',
  })
  async findings(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<FindingModel[]> {
    const today = this.findingService.today();
    return (await loaders.get(this.findingsByVendor).load(vendor.rowId)).map((finding) =>
      toFindingModel(finding, today),
    );
  }

  @ResolveField(() => Int, { description: 'Findings still OPEN or IN_REMEDIATION.' })
  openFindingCount(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<number> {
    return loaders.get(this.openCountByVendor).load(vendor.rowId);
  }
}

/** The vendor contact's side: its vendor's open findings, and its responses to them. */
@Resolver(() => VendorAssessmentModel)
export class VendorAssessmentFindingsResolver {
  constructor(
    private readonly findingService: FindingService,
    private readonly openFindingsByVendor: OpenFindingsByVendorLoader,
  ) {}

  @Allow(VENDOR_CONTACT)
  @Mutation(() => RespondToFindingPayload, {
    description:
      "Answers an open finding of your vendor with a remediation plan, a target date and evidence; replaces an earlier response. Another vendor's finding is NOT_FOUND.",
  })
  async respondToFinding(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RespondToFindingInput,
  ): Promise<RespondToFindingPayload> {
    if (ctx.actor.kind !== 'vendorContact') throw DomainException.notFound('Finding');
    const finding = await this.findingService.respond(
      ctx,
      findingRowId(input.findingId, 'input.findingId'),
      {
        plan: input.plan,
        targetDate: input.targetDate,
        evidenceFileIds: input.evidenceFileIds?.map(
          (fileId, index) =>
            fromGlobalId(fileId, {
              path: `input.evidenceFileIds[${index}]`,
              expectedType: FILE_TYPE,
            }).id,
        ),
      },
    );
    return { finding: toVendorFindingModel(finding, ctx.actor.assessmentIds) };
  }

  @ResolveField(() => [VendorFindingModel], {
    description:
      'The open findings of your vendor, raised in this assessment or an earlier one, oldest first.',
  })
  async findings(
    assessment: VendorAssessmentModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<VendorFindingModel[]> {
    return (await loaders.get(this.openFindingsByVendor).load(assessment.vendorRowId)).map(
      (finding) => toVendorFindingModel(finding, [assessment.rowId]),
    );
  }
}
