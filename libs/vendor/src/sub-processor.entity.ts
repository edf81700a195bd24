import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import type { PersonalDataCategory } from './data-profile.js';
import { Vendor } from './vendor.entity.js';

/** A fourth party: a company the vendor passes the organization's data to. */
@Entity('vendor_sub_processor')
@Index('vendor_sub_processor_vendor_id_idx', ['vendorId', 'position'])
@Index('vendor_sub_processor_organization_id_idx', ['organizationId'])
export class SubProcessor extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  /** Order in the vendor's list, as given. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** ISO 3166-1 alpha-2 code of where it processes the data. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'text', nullable: true })
  service!: string | null;

  @Column({ name: 'data_categories', type: 'varchar', length: 30, array: true })
  dataCategories!: PersonalDataCategory[];
}
