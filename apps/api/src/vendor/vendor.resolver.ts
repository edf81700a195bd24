import type { OnModuleInit } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Context, ID, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope, Role, type RequestContext } from '#core';
import {
  RiskRubricService,
  VendorOrderField,
  VendorService,
  VENDOR_OWNERS,
  VENDOR_SUMMARY_COLUMNS,
  type RiskRubricChange,
  type Vendor,
  type VendorFields,
  type VendorFilter,
} from '#vendor';
import { Allow, MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { Ctx, type GraphqlContext } from '../graphql/graphql-context.js';
import {
  Connection,
  OrderDirection,
  PageArgs,
  toConnection,
  type ConnectionValue,
} from '../graphql/relay/connection.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { ListPrefetchRegistry } from '../graphql/relay/list-prefetch.js';
import { columnsNeeded, connectionNodeFields } from '../graphql/selection.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { FILE_TYPE } from '../files/file.mapper.js';
import { MEMBER_TYPE } from '../identity/identity.mapper.js';
import {
  CreateVendorInput,
  OffboardVendorInput,
  OverrideVendorTierInput,
  RecordImpactAssessmentInput,
  SetSubProcessorsInput,
  UpdateRiskRubricInput,
  UpdateVendorInput,
  VendorFilterInput,
  VendorOrderInput,
} from './vendor.input.js';
import { ContactsByVendorLoader, SubProcessorsByVendorLoader } from './vendor.loaders.js';
import {
  VENDOR_TYPE,
  toRiskRubricModel,
  toSubProcessorModel,
  toVendorContactModel,
  toVendorModel,
} from './vendor.mapper.js';
import {
  RiskRubricModel,
  SubProcessorModel,
  VendorContactModel,
  VendorModel,
} from './vendor.model.js';
import {
  CreateVendorPayload,
  OffboardVendorPayload,
  OverrideVendorTierPayload,
  RecordImpactAssessmentPayload,
  SetSubProcessorsPayload,
  UpdateRiskRubricPayload,
  UpdateVendorPayload,
} from './vendor.payload.js';

/** Everyone in the organization, and read keys, see the vendor register. */
export const READ_VENDORS: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };
/** Procurement keeps the register. */
export const WRITE_VENDORS: AccessRule = {
  roles: [Role.Admin, Role.Procurement],
  apiKey: ApiKeyScope.Write,
};
/** Overrides need a person's judgement: risk owners (and admins), never a key. */
const REVIEW_VENDORS: AccessRule = { roles: [Role.Admin, Role.RiskOwner] };
const ADMINS: AccessRule = { roles: [Role.Admin] };

const VendorConnection = Connection(VendorModel, VENDOR_TYPE);

/** Decodes a Vendor id argument. */
export function vendorRowId(globalId: string, path: string): string {
  return fromGlobalId(globalId, { path, expectedType: VENDOR_TYPE }).id;
}

const memberRowId = (globalId: string | null | undefined, path: string) =>
  typeof globalId !== 'string'
    ? globalId
    : fromGlobalId(globalId, { path, expectedType: MEMBER_TYPE }).id;

/** The vendor filter of an input, member ids decoded; the register, portfolio and exports share it. */
export function vendorFilterOf(filter: VendorFilterInput | null | undefined): VendorFilter {
  return {
    ...filter,
    riskOwnerId: memberRowId(filter?.riskOwnerId, 'filter.riskOwnerId'),
    businessOwnerId: memberRowId(filter?.businessOwnerId, 'filter.businessOwnerId'),
  };
}

function vendorFields(input: Omit<CreateVendorInput, 'name'>): VendorFields {
  return {
    legalName: input.legalName,
    website: input.website,
    country: input.country,
    services: input.services,
    tags: input.tags,
    dataProfile: input.dataProfile,
    businessOwnerId: memberRowId(input.businessOwnerId, 'input.businessOwnerId'),
    riskOwnerId: memberRowId(input.riskOwnerId, 'input.riskOwnerId'),
  };
}

function rubricChange(input: UpdateRiskRubricInput): RiskRubricChange {
  const weights = <K extends string>(entries: Array<{ points: number }> | undefined, key: string) =>
    entries &&
    (Object.fromEntries(
      entries.map((entry) => [(entry as unknown as Record<string, K>)[key], entry.points]),
    ) as Partial<Record<K, number>>);
  return {
    categoryWeights: weights(input.categoryWeights, 'category'),
    categoryCap: input.categoryCap,
    sensitiveDataWeight: input.sensitiveDataWeight,
    volumeWeights: weights(input.volumeWeights, 'volume'),
    accessWeights: weights(input.accessWeights, 'accessLevel'),
    crossBorderWeight: input.crossBorderWeight,
    subProcessorWeight: input.subProcessorWeight,
    subProcessorCap: input.subProcessorCap,
    tierThresholds: input.tierThresholds,
    homeCountry: input.homeCountry,
    regimes: input.regimes,
  };
}

/**
 * The columns each Vendor field needs, for the fields a page can show from part of each row
 * (toVendorModel reads a partial vendor without failing; what it makes of the columns left out
 * is never asked for). A page whose nodes ask for anything else reads whole rows.
 */
const VENDOR_LIST_COLUMNS: Readonly<Record<string, ReadonlyArray<keyof Vendor>>> = {
  __typename: [],
  id: [],
  ...Object.fromEntries(VENDOR_SUMMARY_COLUMNS.map((column) => [column, [column]])),
  riskOwner: ['riskOwnerId'],
  businessOwner: ['businessOwnerId'],
  // What coverage asks of the vendor itself: its requirements, whether it handles personal data.
  agreementCoverage: ['requirements', 'dataCategories', 'otherSensitiveData'],
  contacts: [],
  subProcessors: [],
  agreements: [],
  findings: [],
  openFindingCount: [],
};

@Resolver(() => VendorModel)
export class VendorResolver implements OnModuleInit {
  constructor(
    private readonly vendorService: VendorService,
    private readonly rubrics: RiskRubricService,
    private readonly nodes: NodeRegistry,
    private readonly prefetch: ListPrefetchRegistry,
    private readonly contactsByVendor: ContactsByVendorLoader,
    private readonly subProcessorsByVendor: SubProcessorsByVendorLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(VENDOR_TYPE, {
      access: READ_VENDORS,
      fetch: async ({ ctx }, id) => {
        const [vendor] = await this.vendorService.findByIds(ctx, [id]);
        return vendor ? toVendorModel(vendor) : null;
      },
    });
  }

  @Allow(READ_VENDORS)
  @Query(() => VendorConnection, { description: 'The vendor register.' })
  async vendors(
    @Context() context: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: VendorFilterInput,
    @Args('orderBy', { nullable: true, description: 'By name when omitted.' })
    orderBy?: VendorOrderInput,
  ): Promise<ConnectionValue<VendorModel>> {
    const selected = connectionNodeFields(info);
    const result = await this.vendorService.list(
      context.ctx,
      vendorFilterOf(filter),
      {
        field: orderBy?.field ?? VendorOrderField.Name,
        direction: orderBy?.direction ?? OrderDirection.ASC,
      },
      page,
      {
        columns: columnsNeeded(selected, VENDOR_LIST_COLUMNS),
        owners: VENDOR_OWNERS.filter((owner) => selected.has(owner)),
      },
    );
    const connection = toConnection(result, toVendorModel, page.after);
    await this.prefetch.prefetch(VENDOR_TYPE, context, connection.nodes, selected);
    return connection;
  }

  @Allow(READ_VENDORS)
  @Query(() => VendorModel, { description: 'One vendor; NOT_FOUND when there is none.' })
  async vendor(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<VendorModel> {
    return toVendorModel(await this.vendorService.findById(ctx, vendorRowId(id, 'id')));
  }

  @Allow(READ_VENDORS)
  @Query(() => RiskRubricModel, { description: 'How inherent risk is scored here.' })
  async riskRubric(@Ctx() ctx: RequestContext): Promise<RiskRubricModel> {
    return toRiskRubricModel(await this.rubrics.current(ctx));
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => CreateVendorPayload, { description: 'A new vendor, PROSPECT, scored at once.' })
  async createVendor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateVendorInput,
  ): Promise<CreateVendorPayload> {
    const vendor = await this.vendorService.create(ctx, {
      ...vendorFields(input),
      name: input.name,
    });
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, vendor.id)) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => UpdateVendorPayload, {
    description: 'Changes a vendor; a new data profile rescores it. Offboarded vendors: CONFLICT.',
  })
  async updateVendor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateVendorInput,
  ): Promise<UpdateVendorPayload> {
    const id = vendorRowId(input.vendorId, 'input.vendorId');
    await this.vendorService.update(ctx, id, {
      ...vendorFields(input),
      name: input.name,
      lifecycle: input.lifecycle,
      expectedVersion: input.expectedVersion,
    });
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, id)) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => OffboardVendorPayload, { description: 'Ends the relationship; final.' })
  async offboardVendor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OffboardVendorInput,
  ): Promise<OffboardVendorPayload> {
    const id = vendorRowId(input.vendorId, 'input.vendorId');
    await this.vendorService.offboard(ctx, id, input.reason ?? null);
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, id)) };
  }

  @Allow(REVIEW_VENDORS)
  @Mutation(() => OverrideVendorTierPayload, {
    description: 'Puts a tier in force over the computed one, or lifts it (tier: null).',
  })
  async overrideVendorTier(
    @Ctx() ctx: RequestContext,
    @Args('input') input: OverrideVendorTierInput,
  ): Promise<OverrideVendorTierPayload> {
    const id = vendorRowId(input.vendorId, 'input.vendorId');
    await this.vendorService.overrideTier(ctx, id, {
      tier: input.tier ?? null,
      justification: input.justification,
    });
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, id)) };
  }

  @Allow(REVIEW_VENDORS)
  @Mutation(() => RecordImpactAssessmentPayload, {
    description:
      'Records the personal information protection impact assessment (PIPL Art. 55) of the vendor’s processing: the day it was completed and its report.',
  })
  async recordImpactAssessment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordImpactAssessmentInput,
  ): Promise<RecordImpactAssessmentPayload> {
    const id = vendorRowId(input.vendorId, 'input.vendorId');
    await this.vendorService.recordImpactAssessment(ctx, id, {
      completedOn: input.completedOn ?? null,
      documentFileId:
        typeof input.documentFileId === 'string'
          ? fromGlobalId(input.documentFileId, {
              path: 'input.documentFileId',
              expectedType: FILE_TYPE,
            }).id
          : input.documentFileId,
      expectedVersion: input.expectedVersion,
    });
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, id)) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => SetSubProcessorsPayload, {
    description: 'Replaces the vendor’s sub-processors and rescores it.',
  })
  async setSubProcessors(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetSubProcessorsInput,
  ): Promise<SetSubProcessorsPayload> {
    const id = vendorRowId(input.vendorId, 'input.vendorId');
    await this.vendorService.setSubProcessors(ctx, id, input.subProcessors);
    return { vendor: toVendorModel(await this.vendorService.findById(ctx, id)) };
  }

  @Allow(ADMINS)
  @Mutation(() => UpdateRiskRubricPayload, {
    description: 'Changes how inherent risk is scored and rescores every vendor at once.',
  })
  async updateRiskRubric(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateRiskRubricInput,
  ): Promise<UpdateRiskRubricPayload> {
    return { rubric: toRiskRubricModel(await this.rubrics.update(ctx, rubricChange(input))) };
  }

  @ResolveField(() => [VendorContactModel], { description: 'The primary contact first.' })
  async contacts(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<VendorContactModel[]> {
    const contacts = await loaders.get(this.contactsByVendor).load(vendor.rowId);
    return contacts.map(toVendorContactModel);
  }

  @ResolveField(() => [SubProcessorModel])
  async subProcessors(
    vendor: VendorModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<SubProcessorModel[]> {
    const entries = await loaders.get(this.subProcessorsByVendor).load(vendor.rowId);
    return entries.map(toSubProcessorModel);
  }
}
