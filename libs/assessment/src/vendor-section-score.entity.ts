import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { LocalizedText } from '#questionnaire';
import { Vendor } from '#vendor';
import { Assessment } from './assessment.entity.js';

/**
 * The section scores of each vendor's latest completed assessment (the one its residual rating
 * comes from), replaced when another completes: a compact read model, so that portfolio section
 * averages read one narrow row per vendor and section instead of probing every assessment.
 */
@Entity('vendor_section_score')
@Index('vendor_section_score_organization_id_idx', ['organizationId'])
export class VendorSectionScore {
  @PrimaryColumn({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @PrimaryColumn({ name: 'section_key', type: 'varchar', length: 128 })
  sectionKey!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Vendor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<Vendor>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  /** 0-100, or null when nothing in the section applied. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  score!: string | null;
}
