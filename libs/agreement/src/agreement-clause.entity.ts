import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Agreement } from './agreement.entity.js';

export enum ClauseStatus {
  Present = 'PRESENT',
  Missing = 'MISSING',
  NotApplicable = 'NOT_APPLICABLE',
}

/** One line of an agreement's checklist: whether a catalog clause is in it. */
@Entity('agreement_clause')
@Index('agreement_clause_agreement_clause_key', ['agreementId', 'clauseId'], { unique: true })
@Index('agreement_clause_organization_id_idx', ['organizationId'])
export class AgreementClause extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, (agreement) => agreement.clauses, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: Relation<Agreement>;

  /** A clause id of the built-in catalogs. */
  @Column({ name: 'clause_id', type: 'varchar', length: 100 })
  clauseId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ClauseStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;
}
