import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import { DomainException, TransactionalConnection, actorId, type RequestContext } from '#core';
import { Organization } from '#identity';
import { DEFAULT_RISK_MATRIX, validateRiskMatrix, type RiskMatrix } from '#scoring';
import { RiskMatrixRecord } from './risk-matrix.entity.js';

/** The matrix in force for an organization: its own, or the default at version 0. */
export interface VersionedRiskMatrix {
  readonly matrix: RiskMatrix;
  /** 0 for the default; 1 for the first saved matrix, +1 for each change. */
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

const DEFAULT: VersionedRiskMatrix = {
  matrix: DEFAULT_RISK_MATRIX,
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

const versioned = (record: RiskMatrixRecord): VersionedRiskMatrix => ({
  matrix: record.matrix,
  version: record.version,
  updatedAt: record.updatedAt,
  updatedBy: record.updatedBy,
});

/** The organization's risk matrix: inherent tier × score band → residual rating. */
@Injectable()
export class RiskMatrixService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly audit: AuditService,
  ) {}

  async current(ctx: RequestContext): Promise<VersionedRiskMatrix> {
    const record = await (
      await this.connection.repository(ctx, RiskMatrixRecord)
    ).findOneBy({ organizationId: this.organizationOf(ctx) });
    return record ? versioned(record) : DEFAULT;
  }

  /**
   * Replaces the matrix after validating it completely (BAD_USER_INPUT with every problem under
   * `input.matrix`); a stale `expectedVersion` is CONFLICT.
   */
  async update(
    ctx: RequestContext,
    input: unknown,
    expectedVersion?: number | null,
  ): Promise<VersionedRiskMatrix> {
    const validation = validateRiskMatrix(input);
    if (!validation.valid || !validation.matrix) {
      throw DomainException.badUserInput(
        'Invalid risk matrix',
        validation.errors.map((error) => ({
          path: error.path ? `input.matrix.${error.path}` : 'input.matrix',
          message: error.message,
        })),
      );
    }
    const matrix = validation.matrix;
    const organizationId = this.organizationOf(ctx);
    return this.connection.transaction(ctx, async (tx) => {
      // The organization row serializes writers, including the first, which has no row to lock.
      await (
        await this.connection.repository(tx, Organization)
      ).findOne({ where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      const records = await this.connection.repository(tx, RiskMatrixRecord);
      const existing = await records.findOneBy({ organizationId });
      const before = existing ? versioned(existing) : DEFAULT;
      if (typeof expectedVersion === 'number' && expectedVersion !== before.version) {
        throw DomainException.conflict('The risk matrix has changed since you read it; reload it', {
          current: { version: before.version },
        });
      }
      const record = records.create({
        organizationId,
        matrix,
        version: before.version + 1,
        updatedBy: actorId(ctx.actor),
      });
      const saved = await records.save(record);
      await this.audit.record(tx, {
        action: 'risk_matrix.updated',
        entityType: 'risk_matrix',
        entityId: organizationId,
        before: { version: before.version, matrix: before.matrix },
        after: { version: saved.version, matrix: matrix },
      });
      return versioned(saved);
    });
  }

  private organizationOf(ctx: RequestContext): string {
    if (!ctx.organizationId) throw DomainException.notFound('Organization');
    return ctx.organizationId;
  }
}
