import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from '#core';
import { Vendor } from '#vendor';
import type { AgreementClause, ClauseStatus } from './agreement-clause.entity.js';
import { AgreementStatus } from './agreement-status.js';
import type { AgreementType } from './agreement-type.js';

export type SignatoryParty = 'ORGANIZATION' | 'VENDOR';

/** A person who signs (or is to sign) an agreement for one of the parties. */
export interface Signatory {
  readonly party: SignatoryParty;
  readonly name: string;
  readonly title: string | null;
  readonly email: string | null;
  /** ISO timestamp; null until they have signed. */
  readonly signedAt: string | null;
}

/** A contract with a vendor about its handling of personal information. */
@Entity('agreement')
@Index('agreement_vendor_id_idx', ['vendorId'])
@Index('agreement_organization_created_at_idx', ['organizationId', 'createdAt'])
@Index('agreement_organization_expiry_idx', ['organizationId', 'expiryDate'])
export class Agreement extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  @Column({ type: 'varchar', length: 40 })
  type!: AgreementType;

  @Column({ type: 'varchar', length: 20, default: AgreementStatus.Draft })
  status!: AgreementStatus;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The contract's own number or reference. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  /** Calendar dates, `YYYY-MM-DD`. The agreement is in force through its expiry date. */
  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate!: string | null;

  @Column({ name: 'expiry_date', type: 'date', nullable: true })
  expiryDate!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  signatories!: Signatory[];

  /** The signed document (an uploaded file) and its SHA-256, kept even if the file goes. */
  @Column({ name: 'document_file_id', type: 'uuid', nullable: true })
  documentFileId!: string | null;

  @Column({ name: 'document_sha256', type: 'varchar', length: 64, nullable: true })
  documentSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true })
  supersededById!: string | null;

  @ManyToOne(() => Agreement, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'superseded_by_id' })
  supersededBy?: Relation<Agreement> | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', precision: 3, nullable: true })
  statusChangedAt!: Date | null;

  @OneToMany('AgreementClause', 'agreement')
  clauses?: Relation<AgreementClause>[];

  /** Clause id → status of the reviewed clauses, where a query loads them aggregated. */
  clauseStatuses?: ReadonlyMap<string, ClauseStatus>;

  @VersionColumn()
  version!: number;
}
