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
import type { AnswerValue } from '#questionnaire';
import { Assessment } from './assessment.entity.js';

/** A vendor's answer to one question of an assessment. */
@Entity('answer')
@Index('answer_assessment_question_key', ['assessmentId', 'questionKey'], { unique: true })
export class Answer extends BaseEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<Assessment>;

  @Column({ name: 'question_key', type: 'varchar', length: 128 })
  questionKey!: string;

  /** Boolean, option key, option keys, text, number or `YYYY-MM-DD`; null when not applicable. */
  @Column({ type: 'jsonb', nullable: true })
  value!: AnswerValue | null;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable!: boolean;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** Uploaded files (File row ids) the vendor attached as evidence. */
  @Column({ name: 'evidence_file_ids', type: 'uuid', array: true, default: () => `'{}'` })
  evidenceFileIds!: string[];

  /** Pre-filled from the previous cycle's answer; the vendor confirms or changes it. */
  @Column({ name: 'carried_over', type: 'boolean', default: false })
  carriedOver!: boolean;

  @Column({ name: 'carried_over_from_id', type: 'uuid', nullable: true })
  carriedOverFromId!: string | null;

  /** When the vendor confirmed a carried-over answer (or changed it); null while unconfirmed. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', precision: 3, nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 100, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3 })
  answeredAt!: Date;

  /** Row version: a save names the revision it read; a stale one is CONFLICT. */
  @VersionColumn()
  revision!: number;
}
