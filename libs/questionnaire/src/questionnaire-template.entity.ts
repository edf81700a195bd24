import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from '#core';
import { Organization } from '#identity';

/** A questionnaire an organization sends to vendors; its content lives in its versions. */
@Entity('questionnaire_template')
@Index('questionnaire_template_organization_name_key', ['organizationId', 'nameKey'], {
  unique: true,
})
@Index('questionnaire_template_organization_created_at_idx', ['organizationId', 'createdAt'])
export class QuestionnaireTemplate extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The name folded for comparison: unique per organization. */
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The library template it was copied from, if any. */
  @Column({ name: 'library_key', type: 'varchar', length: 100, nullable: true })
  libraryKey!: string | null;

  @VersionColumn()
  version!: number;
}
