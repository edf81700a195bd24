import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { AuditService, type AuditValues } from '#audit';
import {
  Clock,
  DomainException,
  FileService,
  TransactionalConnection,
  actorId,
  paginate,
  readEntitiesAndRaw,
  type FieldProblem,
  type Page,
  type PageRequest,
  type RequestContext,
} from '#core';
import { normalizeEmail } from '#identity';
import {
  ReassessmentPolicyService,
  ReassessmentTrigger,
  VendorService,
  type Regime,
} from '#vendor';
import { WebhookEventType, WebhookService, webhookGlobalId } from '#webhook';
import { AgreementClause, ClauseStatus } from './agreement-clause.entity.js';
import {
  utcDay,
  vendorCoverage,
  type CoverageAgreement,
  type CoverageSubject,
  type VendorCoverage,
} from './agreement-coverage.js';
import {
  AgreementStatus,
  assertAgreementMove,
  checklistEditable,
  termsEditable,
} from './agreement-status.js';
import { AgreementType, catalogsOfType, regimesOfType } from './agreement-type.js';
import { Agreement, type Signatory } from './agreement.entity.js';
import { findClause } from './clause-catalogs.js';

export interface AgreementFields {
  readonly type?: AgreementType;
  readonly title?: string;
  readonly reference?: string | null;
  readonly effectiveDate?: string | null;
  readonly expiryDate?: string | null;
  readonly signatories?: readonly Signatory[];
  /** An uploaded file (a File row id): the signed document. Null removes it. */
  readonly documentFileId?: string | null;
  readonly notes?: string | null;
}

export interface AgreementFilter {
  readonly vendorId?: string | null;
  readonly types?: readonly AgreementType[] | null;
  readonly statuses?: readonly AgreementStatus[] | null;
  /** Agreements that can hold the terms of any of these laws. */
  readonly regimes?: readonly Regime[] | null;
  /** Expiring on or before this day (`YYYY-MM-DD`). */
  readonly expiringOnOrBefore?: string | null;
}

export interface ClauseReview {
  readonly clauseId: string;
  readonly status: ClauseStatus;
  readonly note?: string | null;
}

export interface Transition {
  readonly to: AgreementStatus;
  readonly supersededById?: string | null;
  readonly reason?: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const auditView = (agreement: Agreement): AuditValues => ({
  vendorId: agreement.vendorId,
  type: agreement.type,
  status: agreement.status,
  title: agreement.title,
  reference: agreement.reference,
  effectiveDate: agreement.effectiveDate,
  expiryDate: agreement.expiryDate,
  signatories: agreement.signatories,
  documentFileId: agreement.documentFileId,
  documentSha256: agreement.documentSha256,
  notes: agreement.notes,
  supersededById: agreement.supersededById,
  statusReason: agreement.statusReason,
});

const text = (value: string | null | undefined) => (value ? value.trim() || null : null);

function validate(fields: AgreementFields): void {
  const problems: FieldProblem[] = [];
  if (fields.title !== undefined && !fields.title.trim())
    problems.push({ path: 'input.title', message: 'must not be empty' });
  fields.signatories?.forEach((signatory, index) => {
    if (!signatory.name.trim())
      problems.push({ path: `input.signatories[${index}].name`, message: 'must not be empty' });
    if (signatory.email && !isEmail(signatory.email.trim()))
      problems.push({
        path: `input.signatories[${index}].email`,
        message: 'must be an email address',
      });
  });
  if (problems.length) throw DomainException.badUserInput('Invalid agreement', problems);
}

/** Problems with the dates of `agreement` as it would be saved. */
function dateProblems(agreement: Agreement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [path, value] of [
    ['input.effectiveDate', agreement.effectiveDate],
    ['input.expiryDate', agreement.expiryDate],
  ] as const) {
    if (value && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))))
      problems.push({ path, message: 'must be a date, YYYY-MM-DD' });
  }
  if (
    !problems.length &&
    agreement.effectiveDate &&
    agreement.expiryDate &&
    agreement.expiryDate < agreement.effectiveDate
  ) {
    problems.push({ path: 'input.expiryDate', message: 'must not be before the effective date' });
  }
  return problems;
}

/**
 * The statuses of the reviewed clauses of the row `agreement`, as one JSON object by clause id
 * (json, not jsonb: a clause appears once per agreement, and json is built at a third less cost).
 */
const CLAUSE_STATUSES_OF_AGREEMENT = `(SELECT coalesce(json_object_agg(clause.clause_id, clause.status), '{}')
  FROM agreement_clause clause WHERE clause.agreement_id = agreement.id)`;

@Injectable()
export class AgreementService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly vendors: VendorService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: FileService,
    private readonly webhooks: WebhookService,
    private readonly reassessment: ReassessmentPolicyService,
  ) {}

  async create(
    ctx: RequestContext,
    vendorId: string,
    fields: AgreementFields & { type: AgreementType; title: string },
  ): Promise<Agreement> {
    validate(fields);
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.vendors.lockForChange(tx, vendorId);
      const agreements = await this.connection.repository(tx, Agreement);
      const agreement = agreements.create({
        organizationId: vendor.organizationId,
        vendorId,
        status: AgreementStatus.Draft,
        reference: null,
        effectiveDate: null,
        expiryDate: null,
        signatories: [],
        documentFileId: null,
        documentSha256: null,
        notes: null,
        supersededById: null,
        statusReason: null,
        statusChangedAt: this.clock.now(),
      });
      this.assign(agreement, fields);
      this.checkDates(agreement);
      await this.attachDocument(tx, agreement, fields.documentFileId);
      await agreements.insert(agreement);
      await this.audit.record(tx, {
        action: 'agreement.created',
        entityType: 'agreement',
        entityId: agreement.id,
        after: auditView(agreement),
      });
      return agreement;
    });
  }

  async update(
    ctx: RequestContext,
    id: string,
    fields: AgreementFields & { expectedVersion?: number | null },
  ): Promise<Agreement> {
    validate(fields);
    return this.connection.transaction(ctx, async (tx) => {
      const agreement = await this.lock(tx, id, fields.expectedVersion);
      const before = auditView(agreement);
      const changesTerms = Object.entries(fields).some(
        ([key, value]) =>
          value !== undefined && !['notes', 'title', 'expectedVersion'].includes(key),
      );
      if (!termsEditable(agreement.status) && changesTerms) {
        throw DomainException.conflict(
          `The terms of a ${agreement.status} agreement cannot change; supersede it with a new one`,
        );
      }
      if (!checklistEditable(agreement.status)) {
        throw DomainException.conflict(`A ${agreement.status} agreement cannot change`);
      }
      this.assign(agreement, fields);
      this.checkDates(agreement);
      await this.attachDocument(tx, agreement, fields.documentFileId);
      return this.save(tx, agreement, 'agreement.updated', before);
    });
  }

  /** Moves an agreement along its status machine, checking what the new status needs. */
  async transition(ctx: RequestContext, id: string, transition: Transition): Promise<Agreement> {
    return this.connection.transaction(ctx, async (tx) => {
      const agreement = await this.lock(tx, id);
      const before = auditView(agreement);
      // A named agreement must exist here first: another organization's is NOT_FOUND.
      const successor = transition.supersededById
        ? await (
            await this.connection.repository(tx, Agreement)
          ).findOneBy({
            id: transition.supersededById,
          })
        : null;
      if (transition.supersededById && !successor) throw DomainException.notFound('Agreement');
      assertAgreementMove(agreement.status, transition.to);
      const today = utcDay(this.clock.now());
      const problems: FieldProblem[] = [];
      if (transition.to === AgreementStatus.Signed) {
        for (const party of ['ORGANIZATION', 'VENDOR'] as const) {
          if (!agreement.signatories.some((s) => s.party === party && s.signedAt)) {
            problems.push({
              path: 'input.to',
              message: `needs a signatory of the ${party.toLowerCase()} who has signed`,
            });
          }
        }
        if (!agreement.effectiveDate)
          problems.push({ path: 'input.to', message: 'needs an effective date' });
        if (!agreement.documentFileId)
          problems.push({ path: 'input.to', message: 'needs the signed document' });
      }
      if (
        transition.to === AgreementStatus.Expired &&
        (!agreement.expiryDate || agreement.expiryDate >= today)
      ) {
        problems.push({
          path: 'input.to',
          message: 'the agreement has not reached its expiry date',
        });
      }
      if (transition.to === AgreementStatus.Superseded) {
        if (!successor) {
          problems.push({
            path: 'input.supersededByAgreementId',
            message: 'name the agreement that replaces it',
          });
        } else if (successor.id === agreement.id || successor.vendorId !== agreement.vendorId) {
          problems.push({
            path: 'input.supersededByAgreementId',
            message: 'must be another agreement with the same vendor',
          });
        } else {
          agreement.supersededById = successor.id;
        }
      }
      if (problems.length) {
        // What is missing is a state of the agreement, not of the request: the transition conflicts.
        throw DomainException.conflict(
          `The agreement cannot become ${transition.to}: ${problems.map((p) => p.message).join('; ')}`,
          { fields: problems },
        );
      }
      agreement.status = transition.to;
      agreement.statusReason = text(transition.reason);
      agreement.statusChangedAt = this.clock.now();
      const saved = await this.save(
        tx,
        agreement,
        `agreement.${transition.to.toLowerCase()}`,
        before,
      );
      if (saved.status === AgreementStatus.Signed) {
        await this.webhooks.emit(tx, {
          type: WebhookEventType.AgreementSigned,
          objectType: 'Agreement',
          objectId: saved.id,
          summary: {
            vendorId: webhookGlobalId('Vendor', saved.vendorId),
            agreementType: saved.type,
            effectiveDate: saved.effectiveDate,
            expiryDate: saved.expiryDate,
          },
        });
      }
      if (saved.status === AgreementStatus.Expired) {
        await this.webhooks.emit(tx, {
          type: WebhookEventType.AgreementExpired,
          objectType: 'Agreement',
          objectId: saved.id,
          summary: {
            vendorId: webhookGlobalId('Vendor', saved.vendorId),
            agreementType: saved.type,
            expiryDate: saved.expiryDate,
          },
        });
        // An expired agreement brings the vendor's next assessment forward.
        await this.reassessment.bringForward(
          tx,
          await this.vendors.findById(tx, saved.vendorId),
          ReassessmentTrigger.AgreementExpired,
        );
      }
      return saved;
    });
  }

  /** Records the review of some clauses of the checklist; the others stay as they were. */
  async setClauses(
    ctx: RequestContext,
    id: string,
    reviews: readonly ClauseReview[],
  ): Promise<Agreement> {
    return this.connection.transaction(ctx, async (tx) => {
      const agreement = await this.lock(tx, id);
      if (!checklistEditable(agreement.status)) {
        throw DomainException.conflict(`The checklist of a ${agreement.status} agreement is final`);
      }
      const catalogs = new Set(catalogsOfType(agreement.type).map((catalog) => catalog.id));
      const problems = reviews.flatMap((review, index) => {
        const found = findClause(review.clauseId);
        if (!found)
          return [{ path: `input.clauses[${index}].clauseId`, message: 'no such clause' }];
        if (!catalogs.has(found.catalog.id)) {
          return [
            {
              path: `input.clauses[${index}].clauseId`,
              message: `not a clause of the catalogs a ${agreement.type} is checked against`,
            },
          ];
        }
        return [];
      });
      if (new Set(reviews.map((r) => r.clauseId)).size !== reviews.length)
        problems.push({ path: 'input.clauses', message: 'names a clause twice' });
      if (problems.length) throw DomainException.badUserInput('Invalid checklist', problems);

      const clauses = await this.connection.repository(tx, AgreementClause);
      const existing = new Map(
        (await clauses.findBy({ agreementId: id })).map((row) => [row.clauseId, row]),
      );
      const before = Object.fromEntries(
        reviews.map((r) => [r.clauseId, existing.get(r.clauseId)?.status ?? null]),
      );
      for (const review of reviews) {
        const row =
          existing.get(review.clauseId) ??
          clauses.create({
            organizationId: agreement.organizationId,
            agreementId: id,
            clauseId: review.clauseId,
          });
        row.status = review.status;
        row.note = text(review.note);
        row.reviewedBy = actorId(ctx.actor);
        await clauses.save(row);
      }
      // The checklist is part of the agreement: its version moves with it (the row is locked).
      const agreements = await this.connection.repository(tx, Agreement);
      await agreements.update({ id }, { version: agreement.version + 1 });
      const saved = (await agreements.findOneBy({ id }))!;
      await this.audit.record(tx, {
        action: 'agreement.clauses_set',
        entityType: 'agreement',
        entityId: id,
        before: { clauses: before },
        after: {
          clauses: Object.fromEntries(reviews.map((r) => [r.clauseId, r.status])),
        },
      });
      return saved;
    });
  }

  async list(
    ctx: RequestContext,
    filter: AgreementFilter,
    order: { field: 'CREATED_AT' | 'UPDATED_AT'; direction: 'ASC' | 'DESC' },
    page: PageRequest,
  ): Promise<Page<Agreement>> {
    const query = (await this.connection.repository(ctx, Agreement)).createQueryBuilder(
      'agreement',
    );
    if (filter.vendorId)
      query.andWhere('agreement.vendor_id = :vendorId', { vendorId: filter.vendorId });
    if (filter.types?.length)
      query.andWhere('agreement.type IN (:...types)', { types: filter.types });
    if (filter.statuses?.length)
      query.andWhere('agreement.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.regimes?.length) {
      const types = Object.values(AgreementType).filter((type) =>
        regimesOfType(type).some((regime) => filter.regimes!.includes(regime)),
      );
      query.andWhere('agreement.type IN (:...regimeTypes)', { regimeTypes: types });
    }
    if (filter.expiringOnOrBefore) {
      if (!DAY.test(filter.expiringOnOrBefore))
        throw DomainException.badUserInput('Invalid filter', [
          { path: 'filter.expiringOnOrBefore', message: 'must be a date, YYYY-MM-DD' },
        ]);
      query.andWhere('agreement.expiry_date <= :day', { day: filter.expiringOnOrBefore });
    }
    return paginate(query, page, {
      column: order.field === 'CREATED_AT' ? 'agreement.created_at' : 'agreement.updated_at',
      property: order.field === 'CREATED_AT' ? 'createdAt' : 'updatedAt',
      direction: order.direction,
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Agreement[]> {
    return this.connection.findByIds(ctx, Agreement, ids);
  }

  async findById(ctx: RequestContext, id: string): Promise<Agreement> {
    const [agreement] = await this.findByIds(ctx, [id]);
    if (!agreement) throw DomainException.notFound('Agreement');
    return agreement;
  }

  /** The checklists of these agreements. */
  async clausesOf(
    ctx: RequestContext,
    agreementIds: readonly string[],
  ): Promise<AgreementClause[]> {
    if (agreementIds.length === 0) return [];
    return (await this.connection.repository(ctx, AgreementClause))
      .createQueryBuilder('clause')
      .where('clause.agreement_id IN (:...agreementIds)', { agreementIds })
      .getMany();
  }

  /**
   * What coverage needs of each vendor's agreements (CoverageAgreement: type, status, dates and
   * clause statuses), by vendor id, newest first as agreementsOfVendors() gives them; one
   * statement for a whole page of vendors, reading nothing else.
   */
  async coverageInputsOf(
    ctx: RequestContext,
    vendorIds: readonly string[],
  ): Promise<Map<string, CoverageAgreement[]>> {
    const byVendor = new Map<string, CoverageAgreement[]>();
    if (vendorIds.length === 0) return byVendor;
    const rows = (await (
      await this.connection.manager(ctx)
    ).query(
      `SELECT agreement.id, agreement.vendor_id, agreement.type, agreement.status,
         agreement.effective_date::text AS effective_date,
         agreement.expiry_date::text AS expiry_date,
         ${CLAUSE_STATUSES_OF_AGREEMENT} AS clauses
       FROM agreement WHERE agreement.vendor_id = ANY($1::uuid[])
       ORDER BY agreement.created_at DESC, agreement.id DESC`,
      [vendorIds],
    )) as Array<{
      id: string;
      vendor_id: string;
      type: AgreementType;
      status: AgreementStatus;
      effective_date: string | null;
      expiry_date: string | null;
      clauses: Record<string, ClauseStatus>;
    }>;
    for (const row of rows) {
      const agreement: CoverageAgreement = {
        id: row.id,
        type: row.type,
        status: row.status,
        effectiveDate: row.effective_date,
        expiryDate: row.expiry_date,
        clauses: new Map(Object.entries(row.clauses)),
      };
      const agreements = byVendor.get(row.vendor_id);
      if (agreements) agreements.push(agreement);
      else byVendor.set(row.vendor_id, [agreement]);
    }
    return byVendor;
  }

  /**
   * The agreements of these vendors, newest first, each with the statuses of its reviewed
   * clauses (`clauseStatuses`), in one statement: the checklist comes aggregated, not as rows.
   */
  async agreementsOfVendors(
    ctx: RequestContext,
    vendorIds: readonly string[],
  ): Promise<Agreement[]> {
    if (vendorIds.length === 0) return [];
    const { entities, raw } = await readEntitiesAndRaw<
      Agreement,
      { clause_statuses: Record<string, ClauseStatus> }
    >(
      (await this.connection.repository(ctx, Agreement))
        .createQueryBuilder('agreement')
        .addSelect(CLAUSE_STATUSES_OF_AGREEMENT, 'clause_statuses')
        .where('agreement.vendor_id = ANY(:vendorIds)', { vendorIds })
        .orderBy('agreement.created_at', 'DESC')
        .addOrderBy('agreement.id', 'DESC'),
    );
    entities.forEach((agreement, index) => {
      const statuses = new Map<string, ClauseStatus>();
      const aggregated = raw[index]!.clause_statuses;
      for (const clauseId in aggregated) statuses.set(clauseId, aggregated[clauseId]!);
      agreement.clauseStatuses = statuses;
    });
    return entities;
  }

  /** Coverage of a vendor by its `agreements` (with checklists) on `today` (the clock's by default). */
  coverage(
    vendor: CoverageSubject,
    agreements: readonly Agreement[],
    today = this.today(),
  ): VendorCoverage {
    return vendorCoverage(vendor, agreements.map(toCoverageAgreement), today);
  }

  /** Today's date in UTC, from the injected clock. */
  today(): string {
    return utcDay(this.clock.now());
  }

  private async lock(
    ctx: RequestContext,
    id: string,
    expectedVersion?: number | null,
  ): Promise<Agreement> {
    const agreement = await (
      await this.connection.repository(ctx, Agreement)
    ).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement) throw DomainException.notFound('Agreement');
    if (typeof expectedVersion === 'number' && expectedVersion !== agreement.version) {
      throw DomainException.conflict('The agreement has changed since you read it; reload it', {
        current: { version: agreement.version },
      });
    }
    return agreement;
  }

  private assign(agreement: Agreement, fields: AgreementFields): void {
    if (fields.type !== undefined) agreement.type = fields.type;
    if (fields.title !== undefined) agreement.title = fields.title.trim();
    if (fields.reference !== undefined) agreement.reference = text(fields.reference);
    if (fields.effectiveDate !== undefined) agreement.effectiveDate = fields.effectiveDate || null;
    if (fields.expiryDate !== undefined) agreement.expiryDate = fields.expiryDate || null;
    if (fields.notes !== undefined) agreement.notes = text(fields.notes);
    if (fields.signatories !== undefined) {
      agreement.signatories = fields.signatories.map((s) => ({
        party: s.party,
        name: s.name.trim(),
        title: text(s.title),
        email: s.email ? normalizeEmail(s.email) : null,
        signedAt: s.signedAt,
      }));
    }
  }

  /**
   * Makes an uploaded file the signed document, recording its SHA-256, and keeps it from the
   * orphan sweep; another organization's file is NOT_FOUND. Undefined leaves the document.
   */
  private async attachDocument(
    ctx: RequestContext,
    agreement: Agreement,
    fileId: string | null | undefined,
  ): Promise<void> {
    if (fileId === undefined) return;
    if (fileId === null) {
      agreement.documentFileId = null;
      agreement.documentSha256 = null;
      return;
    }
    const [file] = await this.files.markAttached(ctx, [fileId]);
    agreement.documentFileId = file!.id;
    agreement.documentSha256 = file!.sha256;
  }

  private checkDates(agreement: Agreement): void {
    const problems = dateProblems(agreement);
    if (problems.length) throw DomainException.badUserInput('Invalid dates', problems);
  }

  private async save(
    ctx: RequestContext,
    agreement: Agreement,
    action: string,
    before: AuditValues,
  ): Promise<Agreement> {
    const saved = await (await this.connection.repository(ctx, Agreement)).save(agreement);
    await this.audit.record(ctx, {
      action,
      entityType: 'agreement',
      entityId: agreement.id,
      before,
      after: auditView(saved),
    });
    return saved;
  }
}

/** The facts coverage reads from an agreement row (with its checklist loaded). */
export function toCoverageAgreement(agreement: Agreement): CoverageAgreement {
  return {
    id: agreement.id,
    type: agreement.type,
    status: agreement.status,
    effectiveDate: agreement.effectiveDate,
    expiryDate: agreement.expiryDate,
    clauses:
      agreement.clauseStatuses ??
      new Map((agreement.clauses ?? []).map((row) => [row.clauseId, row.status])),
  };
}
