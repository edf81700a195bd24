import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { AuditService, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  FileService,
  escapeLike,
  TransactionalConnection,
  actorId,
  columnsSelection,
  paginate,
  readEntities,
  type FieldProblem,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { Membership } from '#identity';
import {
  EMPTY_DATA_PROFILE,
  type DataProfile,
  type PersonalDataCategory,
  type Regime,
} from './data-profile.js';
import { assessVendor, profileOf, setProfile } from './risk/apply-risk.js';
import type { RiskTier } from './risk/inherent-risk.js';
import { ReassessmentTrigger } from './reassessment/reassessment-policy.js';
import { ReassessmentPolicyService } from './reassessment/reassessment-policy.service.js';
import { RiskRubricService } from './risk/risk-rubric.service.js';
import { SubProcessor } from './sub-processor.entity.js';
import { Vendor } from './vendor.entity.js';
import {
  cleanTags,
  cleanText,
  countryProblem,
  dataProfileProblems,
  nameKey,
  optionalText,
  requiredTextProblem,
  websiteProblem,
} from './vendor-input.js';
import { VendorLifecycle, assertVendorMove } from './vendor-lifecycle.js';

export interface VendorFields {
  readonly name?: string;
  readonly legalName?: string | null;
  readonly website?: string | null;
  readonly country?: string | null;
  readonly services?: string | null;
  readonly businessOwnerId?: string | null;
  readonly riskOwnerId?: string | null;
  readonly tags?: readonly string[];
  readonly dataProfile?: DataProfile;
}

export interface VendorChanges extends VendorFields {
  /** Only PROSPECT → ACTIVE here; offboarding has its own operation. */
  readonly lifecycle?: VendorLifecycle;
  /** The version the client read: CONFLICT when the vendor has changed since. */
  readonly expectedVersion?: number | null;
}

export interface SubProcessorFields {
  readonly name: string;
  readonly country: string;
  readonly service?: string | null;
  readonly dataCategories: readonly PersonalDataCategory[];
}

/** How much of each vendor a page reads. */
/** The two members a vendor names, as its relations are called. */
export const VENDOR_OWNERS = ['businessOwner', 'riskOwner'] as const;
export type VendorOwner = (typeof VENDOR_OWNERS)[number];

export interface VendorListInclude {
  /**
   * Only these columns of each vendor, besides its id and the column it is ordered by: the
   * entities are then partial. Every column when absent.
   */
  readonly columns?: ReadonlyArray<keyof Vendor>;
  /** Which owners to read, member and user; both when `columns` is absent. */
  readonly owners?: readonly VendorOwner[];
}

export interface VendorFilter {
  readonly tiers?: readonly RiskTier[] | null;
  readonly lifecycles?: readonly VendorLifecycle[] | null;
  readonly countries?: readonly string[] | null;
  /** Vendors to which any of these laws apply. */
  readonly regimes?: readonly Regime[] | null;
  readonly riskOwnerId?: string | null;
  readonly businessOwnerId?: string | null;
  /** Vendors carrying every one of these tags. */
  readonly tags?: readonly string[] | null;
  /** Part of the name, any case. */
  readonly search?: string | null;
}

export enum VendorOrderField {
  Name = 'NAME',
  CreatedAt = 'CREATED_AT',
  UpdatedAt = 'UPDATED_AT',
  InherentRiskScore = 'INHERENT_RISK_SCORE',
}

export interface VendorOrder {
  readonly field: VendorOrderField;
  readonly direction: 'ASC' | 'DESC';
}

const ORDER_COLUMNS = {
  [VendorOrderField.Name]: { column: 'vendor.name_key', property: 'nameKey' },
  [VendorOrderField.CreatedAt]: { column: 'vendor.created_at', property: 'createdAt' },
  [VendorOrderField.UpdatedAt]: { column: 'vendor.updated_at', property: 'updatedAt' },
  [VendorOrderField.InherentRiskScore]: {
    column: 'vendor.inherent_risk_score',
    property: 'inherentRiskScore',
  },
} as const;

/** What the audit trail keeps of a vendor. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function auditView(vendor: Vendor): AuditValues {
  return {
    name: vendor.name,
    legalName: vendor.legalName,
    website: vendor.website,
    country: vendor.country,
    services: vendor.services,
    lifecycle: vendor.lifecycle,
    businessOwnerId: vendor.businessOwnerId,
    riskOwnerId: vendor.riskOwnerId,
    tags: vendor.tags,
    dataProfile: profileOf(vendor),
    inherentRiskScore: vendor.inherentRiskScore,
    computedTier: vendor.computedTier,
    tier: vendor.tier,
    tierOverride: vendor.tierOverride,
    tierOverrideJustification: vendor.tierOverrideJustification,
    regimes: vendor.regimes,
    offboardingReason: vendor.offboardingReason,
  };
}

/** The columns a vendor summary holds: the register's plain fields. */
export const VENDOR_SUMMARY_COLUMNS = [
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
] as const satisfies ReadonlyArray<keyof Vendor>;

export type VendorSummaryColumn = (typeof VENDOR_SUMMARY_COLUMNS)[number];

/** A vendor read with VENDOR_SUMMARY_COLUMNS only (or some of them, where that is said). */
export type VendorSummary = Pick<Vendor, VendorSummaryColumn>;

@Injectable()
export class VendorService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly rubrics: RiskRubricService,
    private readonly clock: Clock,
    private readonly reassessment: ReassessmentPolicyService,
    private readonly files: FileService,
  ) {}

  async create(ctx: RequestContext, input: VendorFields & { name: string }): Promise<Vendor> {
    this.validate(input);
    return this.connection.transaction(ctx, async (tx) => {
      await this.checkOwners(tx, input);
      const vendors = await this.connection.repository(tx, Vendor);
      const vendor = vendors.create({
        organizationId: ctx.organizationId!,
        lifecycle: VendorLifecycle.Prospect,
        tierOverride: null,
        tierOverrideJustification: null,
        tierOverriddenBy: null,
        tierOverriddenAt: null,
        offboardedAt: null,
        offboardingReason: null,
        legalName: null,
        website: null,
        country: null,
        services: null,
        businessOwnerId: null,
        riskOwnerId: null,
        tags: [],
      });
      this.assign(vendor, input);
      setProfile(vendor, input.dataProfile ?? EMPTY_DATA_PROFILE);
      await this.checkNameFree(tx, vendor);
      assessVendor(vendor, [], await this.rubrics.current(tx));
      await vendors.insert(vendor);
      await this.audit.record(tx, {
        action: 'vendor.created',
        entityType: 'vendor',
        entityId: vendor.id,
        after: auditView(vendor),
      });
      return vendor;
    });
  }

  async update(ctx: RequestContext, id: string, changes: VendorChanges): Promise<Vendor> {
    this.validate(changes);
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.lockForChange(tx, id, changes.expectedVersion);
      const before = auditView(vendor);
      await this.checkOwners(tx, changes);
      if (changes.lifecycle && changes.lifecycle !== vendor.lifecycle) {
        if (changes.lifecycle === VendorLifecycle.Offboarded) {
          throw DomainException.badUserInput('Offboard with offboardVendor', [
            { path: 'input.lifecycle', message: 'use offboardVendor to offboard' },
          ]);
        }
        assertVendorMove(vendor.lifecycle, changes.lifecycle);
        vendor.lifecycle = changes.lifecycle;
      }
      this.assign(vendor, changes);
      if (changes.name !== undefined) await this.checkNameFree(tx, vendor);
      if (changes.dataProfile) setProfile(vendor, changes.dataProfile);
      assessVendor(
        vendor,
        await this.subProcessorCountries(tx, vendor.id),
        await this.rubrics.current(tx),
      );
      return this.saveChange(tx, vendor, 'vendor.updated', before);
    });
  }

  async offboard(ctx: RequestContext, id: string, reason: string | null): Promise<Vendor> {
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.lock(tx, id);
      const before = auditView(vendor);
      assertVendorMove(vendor.lifecycle, VendorLifecycle.Offboarded);
      vendor.lifecycle = VendorLifecycle.Offboarded;
      vendor.offboardedAt = this.clock.now();
      vendor.offboardingReason = optionalText(reason);
      return this.saveChange(tx, vendor, 'vendor.offboarded', before);
    });
  }

  /**
   * Sets (or, with a null tier, lifts) a reviewer's tier over the computed one. The
   * justification is required either way: the trail says why.
   */
  async overrideTier(
    ctx: RequestContext,
    id: string,
    input: { tier: RiskTier | null; justification: string },
  ): Promise<Vendor> {
    const justification = cleanText(input.justification);
    if (!justification) {
      throw DomainException.badUserInput('A justification is required', [
        { path: 'input.justification', message: 'must not be empty' },
      ]);
    }
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.lockForChange(tx, id);
      const before = auditView(vendor);
      vendor.tierOverride = input.tier;
      vendor.tierOverrideJustification = input.tier ? justification : null;
      vendor.tierOverriddenBy = input.tier ? actorId(ctx.actor) : null;
      vendor.tierOverriddenAt = input.tier ? this.clock.now() : null;
      vendor.tier = input.tier ?? vendor.computedTier;
      return this.saveChange(
        tx,
        vendor,
        input.tier ? 'vendor.tier_overridden' : 'vendor.tier_override_lifted',
        { ...before, justification: null },
        { justification },
      );
    });
  }

  /**
   * Records that a personal information protection impact assessment (PIPL Art. 55) of the
   * vendor's processing was completed on `completedOn` (`YYYY-MM-DD`, not in the future), with
   * its report when one is uploaded; `completedOn: null` clears the record.
   */
  async recordImpactAssessment(
    ctx: RequestContext,
    id: string,
    input: {
      completedOn: string | null;
      documentFileId?: string | null;
      expectedVersion?: number | null;
    },
  ): Promise<Vendor> {
    const today = this.clock.now().toISOString().slice(0, 10);
    if (input.completedOn !== null && !DAY.test(input.completedOn)) {
      throw DomainException.badUserInput('Invalid date', [
        { path: 'input.completedOn', message: 'must be a day, YYYY-MM-DD' },
      ]);
    }
    if (input.completedOn !== null && input.completedOn > today) {
      throw DomainException.badUserInput('Invalid date', [
        { path: 'input.completedOn', message: 'must not be in the future' },
      ]);
    }
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.lockForChange(tx, id, input.expectedVersion);
      const before = {
        impactAssessedOn: vendor.impactAssessedOn,
        impactAssessmentFileId: vendor.impactAssessmentFileId,
      };
      vendor.impactAssessedOn = input.completedOn;
      if (input.completedOn === null || input.documentFileId === null) {
        vendor.impactAssessmentFileId = null;
      } else if (input.documentFileId !== undefined) {
        const [file] = await this.files.markAttached(tx, [input.documentFileId]);
        vendor.impactAssessmentFileId = file!.id;
      }
      return this.saveChange(tx, vendor, 'vendor.impact_assessment_recorded', before, {
        impactAssessedOn: vendor.impactAssessedOn,
        impactAssessmentFileId: vendor.impactAssessmentFileId,
      });
    });
  }

  /** Replaces the vendor's sub-processors with `list` and rescores it. */
  async setSubProcessors(
    ctx: RequestContext,
    vendorId: string,
    list: readonly SubProcessorFields[],
  ): Promise<{ vendor: Vendor; subProcessors: SubProcessor[] }> {
    const problems = list.flatMap((entry, index) => [
      ...requiredTextProblem(`input.subProcessors[${index}].name`, entry.name),
      ...countryProblem(`input.subProcessors[${index}].country`, entry.country),
    ]);
    if (problems.length) throw DomainException.badUserInput('Invalid sub-processors', problems);
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.lockForChange(tx, vendorId);
      const before = auditView(vendor);
      const repository = await this.connection.repository(tx, SubProcessor);
      const previous = await repository.find({ where: { vendorId }, order: { position: 'ASC' } });
      await repository.delete({ vendorId });
      const subProcessors = list.map((entry, position) =>
        repository.create({
          organizationId: vendor.organizationId,
          vendorId,
          position,
          name: cleanText(entry.name),
          country: entry.country,
          service: optionalText(entry.service),
          dataCategories: [...new Set(entry.dataCategories)],
        }),
      );
      if (subProcessors.length) await repository.insert(subProcessors);
      assessVendor(
        vendor,
        subProcessors.map((entry) => entry.country),
        await this.rubrics.current(tx),
      );
      const view = (entries: SubProcessor[]) =>
        entries.map(({ name, country, service, dataCategories }) => ({
          name,
          country,
          service,
          dataCategories,
        }));
      await this.saveChange(
        tx,
        vendor,
        'vendor.sub_processors_set',
        { ...before, subProcessors: view(previous) },
        { subProcessors: view(subProcessors) },
      );
      return { vendor, subProcessors };
    });
  }

  /** A page of the organization's vendors, with their owners unless `include` says otherwise. */
  async list(
    ctx: RequestContext,
    filter: VendorFilter,
    order: VendorOrder,
    page: PageRequest,
    include: VendorListInclude = {},
  ): Promise<Page<Vendor>> {
    const repository = await this.connection.repository(ctx, Vendor);
    const ordered = ORDER_COLUMNS[order.field];
    let query = repository.createQueryBuilder('vendor');
    if (include.columns) {
      const wanted = new Set<string>(['id', ordered.property, ...include.columns]);
      query.select(columnsSelection(query, (property) => wanted.has(property)));
    }
    if (!include.columns) query = this.withOwners(query);
    else if (include.owners?.length) query = this.withOwners(query, include.owners);
    if (filter.tiers?.length) query.andWhere('vendor.tier IN (:...tiers)', { tiers: filter.tiers });
    if (filter.lifecycles?.length)
      query.andWhere('vendor.lifecycle IN (:...lifecycles)', { lifecycles: filter.lifecycles });
    if (filter.countries?.length)
      query.andWhere('vendor.country IN (:...countries)', { countries: filter.countries });
    if (filter.regimes?.length)
      query.andWhere('vendor.regimes && :regimes::varchar[]', { regimes: filter.regimes });
    if (filter.riskOwnerId)
      query.andWhere('vendor.risk_owner_id = :riskOwnerId', { riskOwnerId: filter.riskOwnerId });
    if (filter.businessOwnerId)
      query.andWhere('vendor.business_owner_id = :businessOwnerId', {
        businessOwnerId: filter.businessOwnerId,
      });
    if (filter.tags?.length)
      query.andWhere('vendor.tags @> :tags::varchar[]', { tags: cleanTags(filter.tags) });
    const search = filter.search ? nameKey(filter.search) : '';
    if (search)
      query.andWhere(`vendor.name_key LIKE :search ESCAPE '\\'`, {
        search: `%${escapeLike(search)}%`,
      });
    return paginate(query, page, { ...ordered, direction: order.direction });
  }

  /** Vendors by id, with their owners; ids of other organizations find nothing. */
  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Vendor[]> {
    if (ids.length === 0) return [];
    return readEntities(
      this.withOwners(
        (await this.connection.repository(ctx, Vendor)).createQueryBuilder('vendor'),
      ).where('vendor.id IN (:...ids)', { ids }),
    );
  }

  /**
   * Vendors by id with only their plain register fields (VENDOR_SUMMARY_COLUMNS): no owners,
   * no data profile, no risk. For a list that shows the vendor beside something else.
   */
  async summariesByIds(ctx: RequestContext, ids: readonly string[]): Promise<VendorSummary[]> {
    if (ids.length === 0) return [];
    return readEntities(
      (await this.connection.repository(ctx, Vendor))
        .createQueryBuilder('vendor')
        .select(VENDOR_SUMMARY_COLUMNS.map((column) => `vendor.${column}`))
        .where('vendor.id IN (:...ids)', { ids }),
    );
  }

  async findById(ctx: RequestContext, id: string): Promise<Vendor> {
    const [vendor] = await this.findByIds(ctx, [id]);
    if (!vendor) throw DomainException.notFound('Vendor');
    return vendor;
  }

  /** The sub-processors of these vendors, in each vendor's order. */
  async subProcessorsOf(
    ctx: RequestContext,
    vendorIds: readonly string[],
  ): Promise<SubProcessor[]> {
    if (vendorIds.length === 0) return [];
    return (await this.connection.repository(ctx, SubProcessor))
      .createQueryBuilder('sub')
      .where('sub.vendor_id IN (:...vendorIds)', { vendorIds })
      .orderBy('sub.vendor_id')
      .addOrderBy('sub.position')
      .getMany();
  }

  /** Locks a vendor that may still change: CONFLICT once it is offboarded. */
  async lockForChange(
    ctx: RequestContext,
    id: string,
    expectedVersion?: number | null,
  ): Promise<Vendor> {
    const vendor = await this.lock(ctx, id);
    if (typeof expectedVersion === 'number' && expectedVersion !== vendor.version) {
      throw DomainException.conflict('The vendor has changed since you read it; reload it', {
        current: { version: vendor.version },
      });
    }
    if (vendor.lifecycle === VendorLifecycle.Offboarded) {
      throw DomainException.conflict('The vendor is offboarded and cannot change');
    }
    return vendor;
  }

  private async lock(ctx: RequestContext, id: string): Promise<Vendor> {
    const vendor = await (
      await this.connection.repository(ctx, Vendor)
    ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!vendor) throw DomainException.notFound('Vendor');
    return vendor;
  }

  /** Joins the owners with only what a Member shows: never a user's password hash. */
  private withOwners(
    query: SelectQueryBuilder<Vendor>,
    owners: readonly VendorOwner[] = VENDOR_OWNERS,
  ): SelectQueryBuilder<Vendor> {
    for (const owner of owners) {
      query
        .leftJoin(`vendor.${owner}`, owner)
        .leftJoin(`${owner}.user`, `${owner}User`)
        .addSelect([
          `${owner}.id`,
          `${owner}.role`,
          `${owner}.createdAt`,
          `${owner}User.id`,
          `${owner}User.email`,
          `${owner}User.displayName`,
        ]);
    }
    return query;
  }

  private async saveChange(
    ctx: RequestContext,
    vendor: Vendor,
    action: string,
    before: AuditValues,
    extra: AuditValues = {},
  ): Promise<Vendor> {
    await this.reassessment.refresh(ctx, vendor);
    // A more critical tier brings the next assessment forward (TIER_1 is the most critical).
    if (typeof before.tier === 'string' && vendor.tier < before.tier) {
      await this.reassessment.bringForward(ctx, vendor, ReassessmentTrigger.TierRaised);
    }
    const saved = await (await this.connection.repository(ctx, Vendor)).save(vendor);
    await this.audit.record(ctx, {
      action,
      entityType: 'vendor',
      entityId: vendor.id,
      before,
      after: { ...auditView(saved), ...extra },
    });
    return saved;
  }

  private async subProcessorCountries(ctx: RequestContext, vendorId: string): Promise<string[]> {
    return (await this.subProcessorsOf(ctx, [vendorId])).map((entry) => entry.country);
  }

  private validate(input: VendorFields): void {
    const problems: FieldProblem[] = [
      ...requiredTextProblem('input.name', input.name),
      ...websiteProblem('input.website', input.website),
      ...countryProblem('input.country', input.country),
      ...(input.dataProfile ? dataProfileProblems('input.dataProfile', input.dataProfile) : []),
      ...(input.tags && cleanTags(input.tags).length > 30
        ? [{ path: 'input.tags', message: 'at most 30 tags' }]
        : []),
    ];
    if (problems.length) throw DomainException.badUserInput('Invalid vendor', problems);
  }

  private assign(vendor: Vendor, input: VendorFields): void {
    if (input.name !== undefined) {
      vendor.name = cleanText(input.name);
      vendor.nameKey = nameKey(input.name);
    }
    if (input.legalName !== undefined) vendor.legalName = optionalText(input.legalName);
    if (input.website !== undefined) vendor.website = optionalText(input.website);
    if (input.country !== undefined) vendor.country = input.country || null;
    if (input.services !== undefined)
      vendor.services = input.services?.trim() ? input.services.trim() : null;
    if (input.businessOwnerId !== undefined) vendor.businessOwnerId = input.businessOwnerId;
    if (input.riskOwnerId !== undefined) vendor.riskOwnerId = input.riskOwnerId;
    if (input.tags !== undefined) vendor.tags = cleanTags(input.tags);
  }

  /** Owners are members of the organization: another organization's member is NOT_FOUND. */
  private async checkOwners(ctx: RequestContext, input: VendorFields): Promise<void> {
    const ids = [input.businessOwnerId, input.riskOwnerId].filter(
      (id): id is string => typeof id === 'string',
    );
    if (ids.length === 0) return;
    const found = await (
      await this.connection.repository(ctx, Membership)
    )
      .createQueryBuilder('membership')
      .select('membership.id')
      .where('membership.id IN (:...ids)', { ids })
      .getMany();
    if (found.length !== new Set(ids).size) throw DomainException.notFound('Member');
  }

  private async checkNameFree(ctx: RequestContext, vendor: Vendor): Promise<void> {
    const clash = await (
      await this.connection.repository(ctx, Vendor)
    )
      .createQueryBuilder('vendor')
      .select('vendor.id')
      .where('vendor.name_key = :key AND vendor.id <> :id', { key: vendor.nameKey, id: vendor.id })
      .getOne();
    if (clash) {
      throw DomainException.conflict(`A vendor named “${vendor.name}” exists already`, {
        fields: [{ path: 'input.name', message: 'already used by another vendor' }],
      });
    }
  }
}
