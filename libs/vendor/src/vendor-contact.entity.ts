import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '#core';
import { Vendor } from './vendor.entity.js';

export type ContactLanguage = 'en' | 'zh-CN';

/** A person at the vendor: who questionnaires are sent to. */
@Entity('vendor_contact')
@Index('vendor_contact_vendor_email_key', ['vendorId', 'email'], { unique: true })
@Index('vendor_contact_one_primary_key', ['vendorId'], {
  unique: true,
  where: '"is_primary"',
})
@Index('vendor_contact_organization_id_idx', ['organizationId'])
export class VendorContact extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Normalized (trimmed, lower case). */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** Their job at the vendor, e.g. "DPO". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  role!: string | null;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  language!: ContactLanguage;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary!: boolean;
}
