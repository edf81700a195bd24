import type { GraphQLResolveInfo } from 'graphql';
import type { OnModuleInit } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AgreementService,
  CLAUSE_CATALOGS,
  type Agreement,
  type AgreementFields,
} from '#agreement';
import { ApiKeyScope, Role, type RequestContext } from '#core';
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
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { FileByIdLoader } from '../files/file.loaders.js';
import { FILE_TYPE, toFileModel } from '../files/file.mapper.js';
import { FileModel } from '../files/file.model.js';
import { VendorFieldLoader } from '../vendor/vendor.loaders.js';
import { VendorModel } from '../vendor/vendor.model.js';
import { READ_VENDORS, WRITE_VENDORS, vendorRowId } from '../vendor/vendor.resolver.js';
import {
  AgreementFilterInput,
  AgreementOrderInput,
  CreateAgreementInput,
  SetAgreementClausesInput,
  TransitionAgreementInput,
  UpdateAgreementInput,
  type SignatoryInput,
} from './agreement.input.js';
import { AgreementByIdLoader, ClausesByAgreementLoader } from './agreement.loaders.js';
import {
  AGREEMENT_TYPE,
  toAgreementModel,
  toChecklist,
  toClauseCatalogModel,
} from './agreement.mapper.js';
import { AgreementModel, ChecklistItemModel, ClauseCatalogModel } from './agreement.model.js';
import {
  CreateAgreementPayload,
  SetAgreementClausesPayload,
  TransitionAgreementPayload,
  UpdateAgreementPayload,
} from './agreement.payload.js';

/** Clause reviews are legal and privacy work: procurement, risk owners, admins, write keys. */
const REVIEW_CLAUSES: AccessRule = {
  roles: [Role.Admin, Role.Procurement, Role.RiskOwner],
  apiKey: ApiKeyScope.Write,
};
const READ_CATALOGS: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };

const AgreementConnection = Connection(AgreementModel, AGREEMENT_TYPE);

const agreementRowId = (globalId: string, path: string) =>
  fromGlobalId(globalId, { path, expectedType: AGREEMENT_TYPE }).id;

function agreementFields(input: Partial<CreateAgreementInput>): AgreementFields {
  return {
    documentFileId:
      typeof input.documentFileId === 'string'
        ? fromGlobalId(input.documentFileId, {
            path: 'input.documentFileId',
            expectedType: FILE_TYPE,
          }).id
        : input.documentFileId,
    type: input.type,
    title: input.title,
    reference: input.reference,
    effectiveDate: input.effectiveDate,
    expiryDate: input.expiryDate,
    notes: input.notes,
    signatories: input.signatories?.map((signatory: SignatoryInput) => ({
      party: signatory.party,
      name: signatory.name,
      title: signatory.title ?? null,
      email: signatory.email ?? null,
      signedAt: signatory.signedAt ? signatory.signedAt.toISOString() : null,
    })),
  };
}

@Resolver(() => AgreementModel)
export class AgreementResolver implements OnModuleInit {
  constructor(
    private readonly agreementService: AgreementService,
    private readonly nodes: NodeRegistry,
    private readonly vendorField: VendorFieldLoader,
    private readonly agreementById: AgreementByIdLoader,
    private readonly clausesByAgreement: ClausesByAgreementLoader,
    private readonly fileById: FileByIdLoader,
  ) {}

  onModuleInit(): void {
    this.nodes.register(AGREEMENT_TYPE, {
      access: READ_VENDORS,
      fetch: async ({ ctx }, id) => {
        const [agreement] = await this.agreementService.findByIds(ctx, [id]);
        return agreement ? this.toModel(agreement) : null;
      },
    });
  }

  @Allow(READ_VENDORS)
  @Query(() => AgreementConnection, { description: 'Agreements with vendors, newest first.' })
  async agreements(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { nullable: true }) filter?: AgreementFilterInput,
    @Args('orderBy', { nullable: true }) orderBy?: AgreementOrderInput,
  ): Promise<ConnectionValue<AgreementModel>> {
    const result = await this.agreementService.list(
      ctx,
      {
        ...filter,
        vendorId: filter?.vendorId ? vendorRowId(filter.vendorId, 'filter.vendorId') : null,
      },
      {
        field: orderBy?.field ?? 'CREATED_AT',
        direction: orderBy?.direction ?? OrderDirection.DESC,
      },
      page,
    );
    return toConnection(result, (agreement) => this.toModel(agreement), page.after);
  }

  @Allow(READ_VENDORS)
  @Query(() => AgreementModel, { description: 'One agreement; NOT_FOUND when there is none.' })
  async agreement(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AgreementModel> {
    return this.toModel(await this.agreementService.findById(ctx, agreementRowId(id, 'id')));
  }

  @Allow(READ_CATALOGS)
  @Query(() => [ClauseCatalogModel], {
    description:
      'The built-in clause catalogs: GDPR Art. 28(3), PIPL Art. 21, CCPA service provider terms.',
  })
  clauseCatalogs(): ClauseCatalogModel[] {
    return CLAUSE_CATALOGS.map(toClauseCatalogModel);
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => CreateAgreementPayload, { description: 'A new agreement, DRAFT.' })
  async createAgreement(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateAgreementInput,
  ): Promise<CreateAgreementPayload> {
    const agreement = await this.agreementService.create(
      ctx,
      vendorRowId(input.vendorId, 'input.vendorId'),
      { ...agreementFields(input), type: input.type, title: input.title },
    );
    return { agreement: this.toModel(agreement) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => UpdateAgreementPayload)
  async updateAgreement(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateAgreementInput,
  ): Promise<UpdateAgreementPayload> {
    const agreement = await this.agreementService.update(
      ctx,
      agreementRowId(input.agreementId, 'input.agreementId'),
      { ...agreementFields(input), expectedVersion: input.expectedVersion },
    );
    return { agreement: this.toModel(agreement) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => TransitionAgreementPayload, {
    description:
      'Moves the agreement to another status; an illegal move, or one whose conditions are unmet (signatures, document, dates), is CONFLICT.',
  })
  async transitionAgreement(
    @Ctx() ctx: RequestContext,
    @Args('input') input: TransitionAgreementInput,
  ): Promise<TransitionAgreementPayload> {
    const agreement = await this.agreementService.transition(
      ctx,
      agreementRowId(input.agreementId, 'input.agreementId'),
      {
        to: input.to,
        reason: input.reason,
        supersededById: input.supersededByAgreementId
          ? agreementRowId(input.supersededByAgreementId, 'input.supersededByAgreementId')
          : null,
      },
    );
    return { agreement: this.toModel(agreement) };
  }

  @Allow(REVIEW_CLAUSES)
  @Mutation(() => SetAgreementClausesPayload, {
    description: 'Records whether clauses are present, missing or not applicable, with notes.',
  })
  async setAgreementClauses(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetAgreementClausesInput,
  ): Promise<SetAgreementClausesPayload> {
    const agreement = await this.agreementService.setClauses(
      ctx,
      agreementRowId(input.agreementId, 'input.agreementId'),
      input.clauses,
    );
    return { agreement: this.toModel(agreement) };
  }

  @ResolveField(() => VendorModel)
  vendor(
    agreement: AgreementModel,
    _args: unknown,
    { loaders }: GraphqlContext,
    info: GraphQLResolveInfo,
  ): Promise<VendorModel> {
    return this.vendorField.load(loaders, agreement.vendorRowId, info);
  }

  @ResolveField(() => AgreementModel, { nullable: true })
  async supersededBy(
    agreement: AgreementModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<AgreementModel | null> {
    if (!agreement.supersededByRowId) return null;
    const successor = await loaders.get(this.agreementById).load(agreement.supersededByRowId);
    return successor && this.toModel(successor);
  }

  @ResolveField(() => [ChecklistItemModel], {
    description: 'Every clause of the catalogs this type is checked against.',
  })
  async checklist(
    agreement: AgreementModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<ChecklistItemModel[]> {
    return toChecklist(agreement, await loaders.get(this.clausesByAgreement).load(agreement.rowId));
  }

  @ResolveField(() => FileModel, { nullable: true, description: 'The signed document.' })
  async document(
    agreement: AgreementModel,
    _args: unknown,
    { loaders }: GraphqlContext,
  ): Promise<FileModel | null> {
    if (!agreement.documentFileRowId) return null;
    const file = await loaders.get(this.fileById).load(agreement.documentFileRowId);
    return file && toFileModel(file);
  }

  private toModel(agreement: Agreement): AgreementModel {
    return toAgreementModel(agreement, this.agreementService.today());
  }
}
