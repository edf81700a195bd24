import type { AnswerValue, LocalizedText, TemplateDefinition } from '#questionnaire';
import type { AssessmentScore } from '#scoring';
import type { Column } from './cells.js';

/** Turns a row id into the id the API shows for it (the Relay global id). */
export type IdEncoder = (typeName: 'Vendor' | 'Assessment' | 'Finding', rowId: string) => string;

/** One vendor of the register, as the export query reads it. */
export interface VendorRegisterRow {
  readonly id: string;
  readonly name: string;
  readonly legalName: string | null;
  readonly country: string | null;
  readonly lifecycle: string;
  readonly computedTier: string;
  readonly tier: string;
  readonly inherentRiskScore: number;
  readonly residualRating: string | null;
  readonly riskOwner: string | null;
  readonly businessOwner: string | null;
  readonly tags: readonly string[];
  readonly regimes: readonly string[];
  readonly nextAssessmentDueAt: Date | null;
  readonly lastAssessedAt: Date | null;
}

/** The vendor register: one row per vendor; owners by email, times in UTC. */
export function vendorRegisterColumns(ids: IdEncoder): ReadonlyArray<Column<VendorRegisterRow>> {
  return [
    { header: 'ID', type: 'text', width: 30, value: (row) => ids('Vendor', row.id) },
    { header: 'Name', type: 'text', width: 32, value: (row) => row.name },
    { header: 'Legal name', type: 'text', width: 32, value: (row) => row.legalName },
    { header: 'Country', type: 'text', width: 8, value: (row) => row.country },
    { header: 'Lifecycle', type: 'text', width: 12, value: (row) => row.lifecycle },
    { header: 'Computed tier', type: 'text', width: 14, value: (row) => row.computedTier },
    { header: 'Tier', type: 'text', width: 10, value: (row) => row.tier },
    { header: 'Inherent risk score', type: 'number', value: (row) => row.inherentRiskScore },
    { header: 'Residual rating', type: 'text', width: 14, value: (row) => row.residualRating },
    { header: 'Risk owner', type: 'text', width: 28, value: (row) => row.riskOwner },
    { header: 'Business owner', type: 'text', width: 28, value: (row) => row.businessOwner },
    { header: 'Tags', type: 'list', width: 24, value: (row) => row.tags },
    { header: 'Regimes', type: 'list', width: 16, value: (row) => row.regimes },
    {
      header: 'Next assessment due (UTC)',
      type: 'datetime',
      width: 20,
      value: (row) => row.nextAssessmentDueAt,
    },
    {
      header: 'Last assessed (UTC)',
      type: 'datetime',
      width: 20,
      value: (row) => row.lastAssessedAt,
    },
  ];
}

/** One finding, as the export query reads it. */
export interface FindingRow {
  readonly id: string;
  readonly vendorName: string;
  readonly assessmentId: string | null;
  readonly questionnaire: string | null;
  readonly versionNumber: number | null;
  readonly severity: string;
  readonly title: string;
  readonly status: string;
  readonly owner: string | null;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string | null;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
}

/** Findings, newest first, as the `findings` connection lists them. */
export function findingColumns(ids: IdEncoder): ReadonlyArray<Column<FindingRow>> {
  return [
    { header: 'ID', type: 'text', width: 30, value: (row) => ids('Finding', row.id) },
    { header: 'Vendor', type: 'text', width: 28, value: (row) => row.vendorName },
    {
      header: 'Assessment ID',
      type: 'text',
      width: 30,
      value: (row) => (row.assessmentId ? ids('Assessment', row.assessmentId) : null),
    },
    {
      header: 'Questionnaire',
      type: 'text',
      width: 28,
      value: (row) =>
        row.questionnaire === null ? null : `${row.questionnaire} v${row.versionNumber ?? '?'}`,
    },
    { header: 'Severity', type: 'text', width: 10, value: (row) => row.severity },
    { header: 'Title', type: 'text', width: 40, value: (row) => row.title },
    { header: 'Status', type: 'text', width: 16, value: (row) => row.status },
    { header: 'Owner', type: 'text', width: 28, value: (row) => row.owner },
    { header: 'Due date', type: 'date', width: 12, value: (row) => row.dueDate },
    { header: 'Created (UTC)', type: 'datetime', width: 20, value: (row) => row.createdAt },
    { header: 'Resolved (UTC)', type: 'datetime', width: 20, value: (row) => row.resolvedAt },
  ];
}

/** A stored answer of the assessment, with the names of its evidence files. */
export interface StoredAnswer {
  readonly questionKey: string;
  readonly value: AnswerValue | null;
  readonly notApplicable: boolean;
  readonly comment: string | null;
  readonly evidenceNames: readonly string[];
}

/** One question of an assessment: its answer and what it scored. */
export interface AnswerRow {
  readonly sectionKey: string;
  readonly section: string;
  readonly questionKey: string;
  readonly question: string;
  readonly answer: string | null;
  readonly comment: string | null;
  readonly earned: number | null;
  readonly possible: number | null;
  readonly status: string | null;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly sectionWeight: number;
  readonly sectionEarned: number | null;
  readonly sectionPossible: number | null;
  readonly sectionScore: number | null;
  readonly overallScore: number | null;
}

const ANSWER_COLUMNS: ReadonlyArray<Column<AnswerRow>> = [
  { header: 'Section', type: 'text', width: 24, value: (row) => row.section },
  { header: 'Question key', type: 'text', width: 18, value: (row) => row.questionKey },
  { header: 'Question', type: 'text', width: 48, value: (row) => row.question },
  { header: 'Answer', type: 'text', width: 28, value: (row) => row.answer },
  { header: 'Comment', type: 'text', width: 32, value: (row) => row.comment },
  { header: 'Earned', type: 'number', value: (row) => row.earned },
  { header: 'Possible', type: 'number', value: (row) => row.possible },
  { header: 'Status', type: 'text', width: 14, value: (row) => row.status },
  { header: 'Reason', type: 'text', width: 40, value: (row) => row.reason },
  { header: 'Evidence', type: 'list', width: 28, value: (row) => row.evidence },
];

/** The XLSX Answers sheet: the score breakdown has a sheet of its own. */
export const XLSX_ANSWER_COLUMNS = ANSWER_COLUMNS;

/**
 * The CSV file has one table, so each answer row also carries its section's breakdown and the
 * overall score (the same on every row of a section, and of the file).
 */
export const CSV_ANSWER_COLUMNS: ReadonlyArray<Column<AnswerRow>> = [
  ...ANSWER_COLUMNS,
  { header: 'Section weight', type: 'number', value: (row) => row.sectionWeight },
  { header: 'Section earned', type: 'number', value: (row) => row.sectionEarned },
  { header: 'Section possible', type: 'number', value: (row) => row.sectionPossible },
  { header: 'Section score', type: 'number', value: (row) => row.sectionScore },
  { header: 'Overall score', type: 'number', value: (row) => row.overallScore },
];

/** One line of the XLSX Scores sheet: a section, then the overall score (and an override). */
export interface ScoreRow {
  readonly sectionKey: string | null;
  readonly section: string;
  readonly weight: number | null;
  readonly earned: number | null;
  readonly possible: number | null;
  readonly score: number | null;
  readonly counted: boolean | null;
  readonly reason: string | null;
}

export const SCORE_COLUMNS: ReadonlyArray<Column<ScoreRow>> = [
  { header: 'Section key', type: 'text', width: 18, value: (row) => row.sectionKey },
  { header: 'Section', type: 'text', width: 28, value: (row) => row.section },
  { header: 'Weight', type: 'number', value: (row) => row.weight },
  { header: 'Earned', type: 'number', value: (row) => row.earned },
  { header: 'Possible', type: 'number', value: (row) => row.possible },
  { header: 'Score', type: 'number', value: (row) => row.score },
  { header: 'Counted', type: 'boolean', value: (row) => row.counted },
  { header: 'Reason', type: 'text', width: 48, value: (row) => row.reason },
];

/** The text in `language`, else in the definition's first language. */
export function localized(
  text: LocalizedText | undefined,
  language: string,
  primary: string,
): string | null {
  if (!text) return null;
  return (text[language]?.trim() ? text[language] : text[primary]) ?? null;
}

type Question = TemplateDefinition['sections'][number]['questions'][number];

/** An answer as a reader sees it: Yes/No, option labels in `language`, the text or number. */
export function renderAnswer(
  question: Question,
  answer: StoredAnswer | undefined,
  language: string,
  primary: string,
): string | null {
  if (!answer) return null;
  if (answer.notApplicable) return 'Not applicable';
  const value = answer.value;
  if (value === null || value === undefined) return null;
  const label = (key: string) =>
    localized(question.options?.find((option) => option.key === key)?.label, language, primary) ??
    key;
  switch (question.type) {
    case 'BOOLEAN':
      return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value as string);
    case 'SINGLE_CHOICE':
      return typeof value === 'string' ? label(value) : JSON.stringify(value);
    case 'MULTI_CHOICE':
      return Array.isArray(value)
        ? value.map((key) => label(String(key))).join('; ')
        : JSON.stringify(value);
    default:
      return typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  }
}

/**
 * Every question of the definition in document order, hidden and unanswered ones included,
 * with its answer and, once the assessment is scored, what it earned and why.
 */
export function answerRows(
  definition: TemplateDefinition,
  answers: readonly StoredAnswer[],
  score: AssessmentScore | null,
  language: string,
): AnswerRow[] {
  const primary = definition.languages[0]!;
  const byKey = new Map(answers.map((answer) => [answer.questionKey, answer]));
  const sectionScores = new Map(score?.sections.map((section) => [section.key, section]));
  return definition.sections.flatMap((section) => {
    const scored = sectionScores.get(section.key);
    const questionScores = new Map(scored?.questions.map((question) => [question.key, question]));
    return section.questions.map((question): AnswerRow => {
      const answer = byKey.get(question.key);
      const points = questionScores.get(question.key);
      return {
        sectionKey: section.key,
        section: localized(section.title, language, primary) ?? section.key,
        questionKey: question.key,
        question: localized(question.text, language, primary) ?? question.key,
        answer: renderAnswer(question, answer, language, primary),
        comment: answer?.comment ?? null,
        earned: points?.earned ?? null,
        possible: points?.possible ?? null,
        status: points?.status ?? null,
        reason: points?.reason ?? null,
        evidence: answer?.evidenceNames ?? [],
        sectionWeight: section.weight,
        sectionEarned: scored?.earned ?? null,
        sectionPossible: scored?.possible ?? null,
        sectionScore: scored?.score ?? null,
        overallScore: score?.score ?? null,
      };
    });
  });
}

/** The Scores sheet: each section, the overall score, and the reviewer's override if any. */
export function scoreRows(
  definition: TemplateDefinition,
  score: AssessmentScore | null,
  override: { readonly score: number; readonly justification: string | null } | null,
  language: string,
): ScoreRow[] {
  if (!score) return [];
  const primary = definition.languages[0]!;
  const titles = new Map(definition.sections.map((section) => [section.key, section.title]));
  const rows: ScoreRow[] = score.sections.map((section) => ({
    sectionKey: section.key,
    section: localized(titles.get(section.key), language, primary) ?? section.key,
    weight: section.weight,
    earned: section.earned,
    possible: section.possible,
    score: section.score,
    counted: section.counted,
    reason: section.reason,
  }));
  rows.push({
    sectionKey: null,
    section: 'Overall (computed)',
    weight: null,
    earned: score.earned,
    possible: score.possible,
    score: score.score,
    counted: null,
    reason: score.algorithm,
  });
  if (override) {
    rows.push({
      sectionKey: null,
      section: 'Overall (override)',
      weight: null,
      earned: null,
      possible: null,
      score: override.score,
      counted: null,
      reason: override.justification,
    });
  }
  return rows;
}
