import { z } from 'zod';
import type { Condition } from './condition.js';

/**
 * The definition of a template version: one JSON document. The zod schema
 * checks its shape and fills defaults; `validateDefinition` checks what a
 * shape cannot say (unique keys, conditions, languages, points).
 * The parsed output is the canonical form that is stored and checksummed.
 */
export const DEFINITION_SCHEMA_VERSION = 1;

export const QUESTION_TYPES = [
  'BOOLEAN',
  'SINGLE_CHOICE',
  'MULTI_CHOICE',
  'TEXT',
  'NUMBER',
  'DATE',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Question types whose answers earn points. */
export const SCORED_TYPES: readonly QuestionType[] = ['BOOLEAN', 'SINGLE_CHOICE', 'MULTI_CHOICE'];
export const CHOICE_TYPES: readonly QuestionType[] = ['SINGLE_CHOICE', 'MULTI_CHOICE'];

export const EVIDENCE_LEVELS = ['NONE', 'OPTIONAL', 'REQUIRED'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export const FINDING_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Languages a definition may declare: BCP 47 tags such as `en`, `zh-CN`, `pt-BR`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$/;
/** Section, question and option keys: stable identifiers that answers refer to. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export const MAX_TEXT_LENGTH = 20_000;
export const MAX_QUESTIONS = 10_000;

const key = z
  .string()
  .regex(
    KEY_PATTERN,
    'must be 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
  );

/** Text by language tag, e.g. `{ "en": "...", "zh-CN": "..." }`. */
const localizedText = z.record(
  z.string(),
  z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
);
export type LocalizedText = Readonly<Record<string, string>>;

const points = z.number().finite().min(-1000).max(1000);
const weight = z.number().finite().min(0).max(1000);

const option = z.strictObject({
  key,
  label: localizedText,
  /** Absent means not scored yet: allowed in a draft, not in a published version. */
  points: points.optional(),
});

const knockout = z.strictObject({
  /** Answers that fail the control: a condition over this question's answer. */
  failWhen: z.unknown(),
  severity: z.enum(FINDING_SEVERITIES),
  /** What the finding raised by a failed knockout says. */
  finding: localizedText.optional(),
});

/**
 * Answers that do not fail a control outright but are a gap to follow up: each raises a
 * finding at submission without capping the rating.
 */
const flag = z.strictObject({
  /** The answers that raise the finding: a condition over this question's answer. */
  when: z.unknown(),
  severity: z.enum(FINDING_SEVERITIES),
  /** What the finding says. */
  finding: localizedText,
});

const question = z.strictObject({
  key,
  type: z.enum(QUESTION_TYPES),
  text: localizedText,
  help: localizedText.optional(),
  required: z.boolean().default(false),
  weight: weight.default(1),
  /** SINGLE_CHOICE and MULTI_CHOICE only. */
  options: z.array(option).max(200).optional(),
  /** BOOLEAN only: points for yes and for no. */
  points: z.strictObject({ yes: points, no: points }).optional(),
  /** NUMBER only: the accepted range. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  allowNotApplicable: z.boolean().default(false),
  evidence: z.enum(EVIDENCE_LEVELS).default('NONE'),
  references: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  knockout: knockout.optional(),
  flag: flag.optional(),
  visibleWhen: z.unknown().optional(),
});

const section = z.strictObject({
  key,
  title: localizedText,
  description: localizedText.optional(),
  weight: weight.default(1),
  questions: z.array(question).max(MAX_QUESTIONS),
});

export const definitionSchema = z.strictObject({
  schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION).default(DEFINITION_SCHEMA_VERSION),
  /** Declared languages; the first is the one every draft text needs. */
  languages: z
    .array(z.string().regex(LANGUAGE_TAG, 'must be a language tag such as "en" or "zh-CN"'))
    .min(1)
    .max(20),
  sections: z.array(section).max(500),
});

type ParsedDefinition = z.output<typeof definitionSchema>;
type ParsedSection = ParsedDefinition['sections'][number];
type ParsedQuestion = ParsedSection['questions'][number];

export type OptionDefinition = ParsedQuestion extends { options?: (infer O)[] } ? O : never;
export interface KnockoutRule {
  readonly failWhen: Condition;
  readonly severity: FindingSeverity;
  readonly finding?: LocalizedText;
}
export interface FlagRule {
  readonly when: Condition;
  readonly severity: FindingSeverity;
  readonly finding: LocalizedText;
}
export type QuestionDefinition = Omit<ParsedQuestion, 'knockout' | 'flag' | 'visibleWhen'> & {
  knockout?: KnockoutRule;
  flag?: FlagRule;
  visibleWhen?: Condition;
};
export type SectionDefinition = Omit<ParsedSection, 'questions'> & {
  questions: QuestionDefinition[];
};
/** A definition after validation: conditions are known to be well formed. */
export type TemplateDefinition = Omit<ParsedDefinition, 'sections'> & {
  sections: SectionDefinition[];
};
/** What authors and importers write: defaults may be left out. */
export type TemplateDefinitionInput = z.input<typeof definitionSchema>;
