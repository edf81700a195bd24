import type { Condition } from '../../definition/condition.js';
import type {
  FindingSeverity,
  QuestionType,
  TemplateDefinitionInput,
} from '../../definition/definition.schema.js';
import { FINDING_SEVERITIES } from '../../definition/definition.schema.js';
import {
  finishImport,
  uniqueKey,
  type ImportMessage,
  type ImportOptions,
  type ImportOutcome,
  type Importer,
} from '../import-types.js';
import { readErambaCsv, type ErambaRow } from './eramba.reader.js';

/**
 * Imports an eramba online-assessment questionnaire (the CSV eramba uploads
 * under Online Assessments / Questionnaires). Columns are read by position:
 *
 * A chapter id, B chapter title, C chapter description, D question id,
 * E question title, F question description, G answer type (1 open, 2 single
 * select, 3 single select + open, 4 date, 5 multiple select, 6 multiple
 * select + open), H options `A|B|C`, I per-option warnings `|`-aligned,
 * J scoring 0/1, K score, L per-option multipliers `|`-aligned, M per-option
 * question ids to show, `1.2 1.6||6.7` (ids split by spaces within an option),
 * N comments & attachments 0/1.
 */
export const importEramba: Importer = (content: Buffer, options?: ImportOptions): ImportOutcome => {
  const language = options?.language ?? 'en';
  const sheet = readErambaCsv(content);
  const errors: ImportMessage[] = [...sheet.errors];
  const warnings: ImportMessage[] = [...sheet.warnings];
  const markup = new MarkupTracker();

  const questions: ErambaQuestion[] = [];
  for (const row of sheet.rows) {
    const question = readQuestion(row, errors, warnings, markup);
    if (question) questions.push(question);
  }
  if (sheet.rows.length === 0 && errors.length === 0) {
    errors.push({ location: 'file', message: 'the file has no question rows below the header' });
  }

  // Every row's id counts, including rows with errors of their own, so that a
  // duplicate or a follow-up is judged against the file as written.
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const id = cells[COLUMNS.questionId[0]] ?? '';
    if (id === '') continue;
    const earlier = firstRowOf.get(id);
    if (earlier === undefined) firstRowOf.set(id, row);
    else
      errors.push({
        location: at(row, 'questionId'),
        message: `question ID "${id}" is already used on row ${earlier}; question IDs must be unique${
          /^\d+\.\d+$/.test(id)
            ? ' (a spreadsheet that read IDs as numbers turns 1.10 into 1.1; format column D as text)'
            : ''
        }`,
      });
  }

  const chapters = groupChapters(questions, warnings);
  const ordered = chapters.flatMap((chapter) => chapter.questions);
  const visibility = linkFollowUps(ordered, new Set(firstRowOf.keys()), errors);

  if (errors.length > 0) return finishImport(emptyQuestionnaire(language), errors, warnings);

  const definition = buildDefinition(chapters, visibility, language, warnings, options);
  summarize(ordered, warnings, markup);
  return finishImport({ definition }, errors, warnings);
};

type ColumnName = keyof typeof COLUMNS;

/** Column positions and eramba's own names for them, as its template header says. */
const COLUMNS = {
  chapterId: [0, 'Chapter ID'],
  chapterTitle: [1, 'Chapter Title'],
  chapterDescription: [2, 'Chapter Description'],
  questionId: [3, 'Question ID'],
  questionTitle: [4, 'Question Title'],
  questionDescription: [5, 'Question Description'],
  answerType: [6, 'Answer Type'],
  options: [7, 'Dropdown Options'],
  warnings: [8, 'Dropdown Warnings'],
  scoring: [9, 'Dropdown Scoring'],
  score: [10, 'Dropdown Option Score'],
  multipliers: [11, 'Dropdown Option Score Multiplier'],
  show: [12, 'Dropdown Option Show another Question'],
  comments: [13, 'Question Comments & Attachments'],
} as const satisfies Record<string, readonly [number, string]>;

function at(row: number, column: ColumnName): string {
  return `row ${row}, column ${String.fromCharCode(65 + COLUMNS[column][0])}`;
}

function named(column: ColumnName): string {
  return COLUMNS[column][1];
}

interface AnswerType {
  readonly type: QuestionType;
  /** eramba's "Dropdown + open answer": a free-text part beside the choice. */
  readonly open: boolean;
}

// A Map, so that a cell such as "constructor" finds nothing.
const ANSWER_TYPES: ReadonlyMap<string, AnswerType> = new Map([
  ['1', { type: 'TEXT', open: false }],
  ['2', { type: 'SINGLE_CHOICE', open: false }],
  ['3', { type: 'SINGLE_CHOICE', open: true }],
  ['4', { type: 'DATE', open: false }],
  ['5', { type: 'MULTI_CHOICE', open: false }],
  ['6', { type: 'MULTI_CHOICE', open: true }],
]);

interface ErambaOption {
  readonly label: string;
  /** A non-empty eramba warning on this option, or undefined. */
  readonly warning?: string;
  readonly multiplier?: number;
  /** Question ids eramba shows when this option is picked. */
  readonly shows: readonly string[];
}

interface ErambaQuestion {
  readonly row: number;
  readonly chapterId: string;
  readonly chapterTitle: string;
  readonly chapterDescription: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly answer: AnswerType;
  readonly options: readonly ErambaOption[];
  /** Set when scoring is on: the score that each option's multiplier scales. */
  readonly score?: number;
  readonly comments: boolean;
}

function readQuestion(
  { row, cells }: ErambaRow,
  errors: ImportMessage[],
  warnings: ImportMessage[],
  markup: MarkupTracker,
): ErambaQuestion | undefined {
  const cell = (column: ColumnName): string => cells[COLUMNS[column][0]] ?? '';
  const errorCount = errors.length;
  const fail = (column: ColumnName, message: string): void => {
    errors.push({ location: at(row, column), message });
  };

  for (const column of ['chapterId', 'chapterTitle', 'questionId', 'questionTitle'] as const) {
    if (cell(column) === '') fail(column, `${named(column)} is mandatory and empty`);
  }

  const answer = ANSWER_TYPES.get(cell('answerType'));
  if (!answer) {
    fail(
      'answerType',
      cell('answerType') === ''
        ? `${named('answerType')} is mandatory and empty; use 1 to 6`
        : `${named('answerType')} "${cell('answerType')}" is unknown; use 1 (open answer), 2 (single select), 3 (single select + open answer), 4 (date), 5 (multiple select) or 6 (multiple select + open answer)`,
    );
  }
  const scoring = readFlag(cell('scoring'));
  if (scoring === undefined)
    fail('scoring', `${named('scoring')} must be 0 or 1, not "${cell('scoring')}"`);
  const comments = readFlag(cell('comments'));
  if (comments === undefined)
    fail('comments', `${named('comments')} must be 0 or 1, not "${cell('comments')}"`);

  const isChoice = answer !== undefined && answer.type !== 'TEXT' && answer.type !== 'DATE';
  let options: ErambaOption[] = [];
  let score: number | undefined;
  if (answer && !isChoice) {
    const ignored: ColumnName[] = (['options', 'warnings', 'multipliers'] as const).filter(
      (column) => cell(column) !== '',
    );
    if (scoring) ignored.push('scoring');
    if (ignored.length > 0) {
      warnings.push({
        location: `row ${row}`,
        message: `${ignored.map(named).join(', ')} apply to dropdown questions only; ignored for this ${answer.type === 'DATE' ? 'date' : 'open answer'} question`,
      });
    }
    if (cell('show') !== '') {
      fail(
        'show',
        `only a dropdown question can show other questions, and this is ${answer.type === 'DATE' ? 'a date' : 'an open answer'} question`,
      );
    }
  } else if (answer) {
    const labels = splitList(cell('options'));
    const least = answer.type === 'SINGLE_CHOICE' ? 2 : 1;
    if (cell('options') === '') {
      fail(
        'options',
        `${named('options')} is mandatory for a dropdown question; list them as Yes|No`,
      );
    } else if (labels.some((label) => label === '')) {
      fail('options', `${named('options')} "${cell('options')}" has an empty option`);
    } else if (labels.length < least) {
      fail(
        'options',
        `a single select question needs at least 2 options, found "${cell('options')}"`,
      );
    } else if (new Set(labels.map((label) => label.toLowerCase())).size < labels.length) {
      warnings.push({
        location: at(row, 'options'),
        message: `${named('options')} "${cell('options')}" repeats an option; the repeats get keys of their own`,
      });
    }
    const optionWarnings = alignedList(row, 'warnings', cell('warnings'), labels.length, errors);
    let multipliers: (number | undefined)[] | undefined;
    if (scoring) {
      score = readNumber(cell('score'));
      if (cell('score') === '') fail('score', `${named('score')} is mandatory when scoring is on`);
      else if (score === undefined)
        fail('score', `${named('score')} "${cell('score')}" is not a number`);
      if (cell('multipliers') === '') {
        fail(
          'multipliers',
          `${named('multipliers')} is mandatory when scoring is on; give one per option, as 1|0`,
        );
      } else {
        const raw = alignedList(row, 'multipliers', cell('multipliers'), labels.length, errors);
        multipliers = raw?.map((value) => readNumber(value));
        raw?.forEach((value, index) => {
          if (multipliers?.[index] === undefined)
            fail(
              'multipliers',
              `the multiplier "${value}" for option "${labels[index]}" is not a number`,
            );
        });
      }
      const base = score;
      if (base !== undefined) {
        multipliers?.forEach((multiplier, index) => {
          if (multiplier === undefined || Math.abs(base * multiplier) <= MAX_POINTS) return;
          fail(
            'multipliers',
            `option "${labels[index]}" would earn ${base * multiplier} points (score ${base} × multiplier ${multiplier}); Assay allows -${MAX_POINTS} to ${MAX_POINTS}, so scale the score down`,
          );
        });
      }
    } else if (cell('score') !== '' || cell('multipliers') !== '') {
      warnings.push({
        location: at(row, 'scoring'),
        message: `scoring is off, so ${named('score')} and ${named('multipliers')} are ignored`,
      });
    }
    const shows = readShows(row, cell('show'), labels.length, errors, warnings);
    options = labels.map((label, index) => ({
      label: markup.plain(label, row),
      warning: meaningfulWarning(optionWarnings?.[index]),
      multiplier: multipliers?.[index],
      shows: shows[index] ?? [],
    }));
  }

  if (errors.length > errorCount || !answer) return undefined;
  return {
    row,
    chapterId: cell('chapterId'),
    chapterTitle: markup.plain(cell('chapterTitle'), row),
    chapterDescription: markup.plain(cell('chapterDescription'), row),
    id: cell('questionId'),
    title: markup.plain(cell('questionTitle'), row),
    description: markup.plain(cell('questionDescription'), row),
    answer,
    options,
    score: scoring ? score : undefined,
    comments: comments === true,
  };
}

/** `|`-separated values that must line up with the options, or undefined when the cell is empty. */
function alignedList(
  row: number,
  column: 'warnings' | 'multipliers',
  value: string,
  optionCount: number,
  errors: ImportMessage[],
): string[] | undefined {
  if (value === '') return undefined;
  const values = splitList(value);
  if (values.length !== optionCount) {
    errors.push({
      location: at(row, column),
      message: `${named(column)} lists ${values.length} value${values.length === 1 ? '' : 's'} ("${value}") for ${optionCount} option${optionCount === 1 ? '' : 's'}; give one per option, separated by |`,
    });
    return undefined;
  }
  return values;
}

/**
 * Column M: per option, the ids of the questions it shows. eramba separates
 * options with `|` and ids with spaces; commas and semicolons are accepted too.
 */
function readShows(
  row: number,
  value: string,
  optionCount: number,
  errors: ImportMessage[],
  warnings: ImportMessage[],
): string[][] {
  if (value === '') return [];
  const perOption = splitList(value).map((entry) => entry.split(/[\s,;]+/).filter(Boolean));
  if (perOption.length > optionCount) {
    errors.push({
      location: at(row, 'show'),
      message: `${named('show')} lists ${perOption.length} entries ("${value}") for ${optionCount} option${optionCount === 1 ? '' : 's'}; give one per option, separated by |`,
    });
    return [];
  }
  if (perOption.length < optionCount) {
    warnings.push({
      location: at(row, 'show'),
      message: `${named('show')} lists ${perOption.length} of ${optionCount} entries ("${value}"); the options without an entry show no question`,
    });
  }
  return perOption;
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split('|').map((part) => part.trim());
}

function readFlag(value: string): boolean | undefined {
  const normalized = value.toLowerCase();
  if (['', '0', 'no', 'false'].includes(normalized)) return false;
  if (['1', 'yes', 'true'].includes(normalized)) return true;
  return undefined;
}

function readNumber(value: string): number | undefined {
  // A decimal comma comes from spreadsheets in locales that write 1,5.
  const normalized = /^[+-]?\d+,\d+$/.test(value) ? value.replace(',', '.') : value;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normalized)) return undefined;
  return Number(normalized);
}

/** The points range definition.schema.ts allows on an option. */
const MAX_POINTS = 1000;

/** Spreadsheet placeholders that mean "no warning" rather than a message. */
const EMPTY_WARNINGS = new Set(['', '0', '-', 'no', 'none', 'false', 'n/a']);

function meaningfulWarning(value: string | undefined): string | undefined {
  if (value === undefined || EMPTY_WARNINGS.has(value.toLowerCase())) return undefined;
  return value;
}

interface Chapter {
  readonly id: string;
  readonly title: string;
  description: string;
  readonly questions: ErambaQuestion[];
}

/** Chapters in order of first appearance; a chapter's rows need not be adjacent. */
function groupChapters(questions: readonly ErambaQuestion[], warnings: ImportMessage[]): Chapter[] {
  const chapters = new Map<string, Chapter>();
  let previous: Chapter | undefined;
  for (const question of questions) {
    let chapter = chapters.get(question.chapterId);
    if (!chapter) {
      chapter = {
        id: question.chapterId,
        title: question.chapterTitle,
        description: question.chapterDescription,
        questions: [],
      };
      chapters.set(question.chapterId, chapter);
    } else {
      if (chapter !== previous) {
        warnings.push({
          location: at(question.row, 'chapterId'),
          message: `chapter "${chapter.id}" continues here after other chapters; the question is placed with the chapter's earlier rows`,
        });
      }
      if (question.chapterTitle !== chapter.title) {
        warnings.push({
          location: at(question.row, 'chapterTitle'),
          message: `chapter "${chapter.id}" is titled "${chapter.title}" on row ${chapter.questions[0]!.row}; that title is kept`,
        });
      }
      if (chapter.description === '') {
        chapter.description = question.chapterDescription;
      } else if (
        question.chapterDescription !== '' &&
        question.chapterDescription !== chapter.description
      ) {
        warnings.push({
          location: at(question.row, 'chapterDescription'),
          message: `chapter "${chapter.id}" has another description on an earlier row; that one is kept`,
        });
      }
    }
    chapter.questions.push(question);
    previous = chapter;
  }
  return [...chapters.values()];
}

interface FollowUpSource {
  readonly source: ErambaQuestion;
  readonly optionIndexes: number[];
}
/** For each follow-up question id: the questions and options that show it, in document order. */
type Visibility = Map<string, FollowUpSource[]>;

function linkFollowUps(
  ordered: readonly ErambaQuestion[],
  idsInFile: ReadonlySet<string>,
  errors: ImportMessage[],
): Visibility {
  const position = new Map<string, number>();
  ordered.forEach((question, index) => {
    if (!position.has(question.id)) position.set(question.id, index);
  });
  const visibility: Visibility = new Map();
  ordered.forEach((source, sourceIndex) => {
    source.options.forEach((option, optionIndex) => {
      for (const target of option.shows) {
        const targetIndex = position.get(target);
        if (targetIndex === undefined) {
          // A row that failed to read has reported its own error already.
          if (idsInFile.has(target)) continue;
          errors.push({
            location: at(source.row, 'show'),
            message: `option "${option.label}" shows question "${target}", and no row has that question ID`,
          });
          continue;
        }
        if (targetIndex <= sourceIndex) {
          const targetRow = ordered[targetIndex]!.row;
          errors.push({
            location: at(source.row, 'show'),
            message:
              targetIndex === sourceIndex
                ? `option "${option.label}" shows its own question "${target}"`
                : `option "${option.label}" shows question "${target}" (row ${targetRow}), which comes before question "${source.id}"; in Assay a question can only depend on earlier questions, so move row ${targetRow} below row ${source.row}`,
          });
          continue;
        }
        const sources = visibility.get(target) ?? [];
        const entry = sources.find((existing) => existing.source === source);
        if (entry) {
          if (!entry.optionIndexes.includes(optionIndex)) entry.optionIndexes.push(optionIndex);
        } else sources.push({ source, optionIndexes: [optionIndex] });
        visibility.set(target, sources);
      }
    });
  });
  return visibility;
}

function buildDefinition(
  chapters: readonly Chapter[],
  visibility: Visibility,
  language: string,
  warnings: ImportMessage[],
  options: ImportOptions | undefined,
): TemplateDefinitionInput {
  const text = (value: string): Record<string, string> => ({ [language]: value });
  const sectionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  const keyOf = new Map<string, string>();
  const optionKeysOf = new Map<string, string[]>();
  for (const question of chapters.flatMap((chapter) => chapter.questions)) {
    keyOf.set(question.id, uniqueKey(`q${question.id}`, questionKeys, 'question'));
    const taken = new Set<string>();
    optionKeysOf.set(
      question.id,
      question.options.map((option, index) =>
        uniqueKey(slug(option.label), taken, `option_${index + 1}`),
      ),
    );
  }

  const total = keyOf.size;
  let processed = 0;
  const sections = chapters.map((chapter) => ({
    key: uniqueKey(`chapter-${chapter.id}`, sectionKeys, 'chapter'),
    title: text(chapter.title),
    ...(chapter.description === '' ? {} : { description: text(chapter.description) }),
    questions: chapter.questions.map((question) => {
      const key = keyOf.get(question.id)!;
      const optionKeys = optionKeysOf.get(question.id)!;
      const isChoice = question.options.length > 0;
      const visibleWhen = visibilityCondition(visibility.get(question.id), keyOf, optionKeysOf);
      const knockout = isChoice
        ? knockoutOf(question, key, optionKeys, language, warnings)
        : undefined;
      const converted = {
        key,
        type: question.answer.type,
        text: text(question.title),
        ...(question.description === '' ? {} : { help: text(question.description) }),
        ...(isChoice
          ? {
              options: question.options.map((option, index) => ({
                key: optionKeys[index]!,
                label: text(option.label),
                ...(question.score !== undefined && option.multiplier !== undefined
                  ? { points: roundPoints(question.score * option.multiplier) }
                  : {}),
              })),
            }
          : {}),
        evidence: question.comments ? ('OPTIONAL' as const) : ('NONE' as const),
        ...(knockout ? { knockout } : {}),
        ...(visibleWhen ? { visibleWhen } : {}),
      };
      processed += 1;
      options?.onProgress?.(processed, total);
      return converted;
    }),
  }));
  return { languages: [language], sections };
}

function visibilityCondition(
  sources: readonly FollowUpSource[] | undefined,
  keyOf: ReadonlyMap<string, string>,
  optionKeysOf: ReadonlyMap<string, readonly string[]>,
): Condition | undefined {
  if (!sources || sources.length === 0) return undefined;
  const leaves: Condition[] = sources.map(({ source, optionIndexes }) => ({
    in: {
      question: keyOf.get(source.id)!,
      values: [...optionIndexes].sort((a, b) => a - b).map((i) => optionKeysOf.get(source.id)![i]!),
    },
  }));
  return leaves.length === 1 ? leaves[0] : { any: leaves };
}

const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = {
  LOW: 0,
  MEDIUM: 1,
  HIGH: 2,
  CRITICAL: 3,
};

/**
 * eramba shows a warning message when a respondent picks an option; Assay's
 * nearest rule is a knockout that fails on those options and raises a finding.
 * A warning that starts with a severity ("High: ...") sets it; others get HIGH.
 */
function knockoutOf(
  question: ErambaQuestion,
  key: string,
  optionKeys: readonly string[],
  language: string,
  warnings: ImportMessage[],
) {
  const warned = question.options
    .map((option, index) => ({ option, index }))
    .filter(({ option }) => option.warning !== undefined);
  if (warned.length === 0) return undefined;
  const declared = warned.map(({ option }) => severityIn(option.warning!));
  const unnamed = warned.filter((_, i) => declared[i] === undefined);
  const severities = declared.filter(
    (severity): severity is FindingSeverity => severity !== undefined,
  );
  const severity =
    unnamed.length > 0 || severities.length === 0
      ? maxSeverity([...severities, 'HIGH'])
      : maxSeverity(severities);
  const location = at(question.row, 'warnings');
  if (unnamed.length > 0) {
    warnings.push({
      location,
      message: `the warning${unnamed.length > 1 ? 's' : ''} ${unnamed.map(({ option }) => `"${option.warning}" (option "${option.label}")`).join(', ')} name${unnamed.length > 1 ? '' : 's'} no severity (${FINDING_SEVERITIES.join(', ')}); the knockout approximates it as ${severity}`,
    });
  } else if (new Set(severities).size > 1) {
    warnings.push({
      location,
      message: `the warnings name different severities; a knockout has one, so it uses the highest, ${severity}`,
    });
  }
  if (warned.length === question.options.length) {
    warnings.push({
      location,
      message: `every option carries a warning, so the knockout fails whatever the answer; review it`,
    });
  }
  return {
    failWhen: { in: { question: key, values: warned.map(({ index }) => optionKeys[index]!) } },
    severity,
    finding: { [language]: question.title },
  };
}

function severityIn(warning: string): FindingSeverity | undefined {
  const match = /^[\s[(]*(low|medium|high|critical)\b/i.exec(warning);
  return match ? (match[1]!.toUpperCase() as FindingSeverity) : undefined;
}

function maxSeverity(severities: readonly FindingSeverity[]): FindingSeverity {
  return severities.reduce((highest, severity) =>
    SEVERITY_RANK[severity] > SEVERITY_RANK[highest] ? severity : highest,
  );
}

function roundPoints(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}

function slug(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Warnings that would repeat on many rows, said once. */
function summarize(
  ordered: readonly ErambaQuestion[],
  warnings: ImportMessage[],
  markup: MarkupTracker,
): void {
  const open = ordered.filter((question) => question.answer.open);
  if (open.length > 0) {
    warnings.push({
      location: rowsLocation(open),
      message: `${listIds(open)}: eramba's "dropdown + open answer" has a free-text part beside the choice; Assay has none, so respondents write it in the answer comment`,
    });
  }
  const unscored = ordered.filter(
    (question) => question.options.length > 0 && question.score === undefined,
  );
  if (unscored.length > 0) {
    warnings.push({
      location: rowsLocation(unscored),
      message: `${listIds(unscored)}: scoring is off in eramba, so the options carry no points; assign them before publishing`,
    });
  }
  if (markup.rows.size > 0) {
    warnings.push({
      location: rowsLocation([...markup.rows].map((row) => ({ row }))),
      message: 'HTML markup such as <i> was removed from the text; Assay shows plain text',
    });
  }
}

const LISTED = 12;

function rowsLocation(items: readonly { row: number }[]): string {
  const rows = [...new Set(items.map((item) => item.row))];
  if (rows.length === 1) return `row ${rows[0]}`;
  const more = rows.length > LISTED ? `, and ${rows.length - LISTED} more` : '';
  return `rows ${rows.slice(0, LISTED).join(', ')}${more}`;
}

function listIds(questions: readonly ErambaQuestion[]): string {
  const more = questions.length > LISTED ? `, and ${questions.length - LISTED} more` : '';
  const ids = questions
    .slice(0, LISTED)
    .map((question) => question.id)
    .join(', ');
  return `question${questions.length === 1 ? '' : 's'} ${ids}${more}`;
}

/**
 * eramba renders titles and descriptions as HTML, and its templates use tags
 * like <i>. Only common formatting tags are removed, so "<5 users" stays.
 */
class MarkupTracker {
  readonly rows = new Set<number>();

  plain(value: string, row: number): string {
    if (!TAG.test(value)) return value;
    this.rows.add(row);
    return value
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li(\s[^<>]*)?>/gi, '- ')
      .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
      .replace(TAGS, '')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, entity: string) => ENTITIES[entity]!)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

const TAG_NAMES = 'a|b|i|u|s|em|strong|br|p|div|span|ul|ol|li|h[1-6]|small|sub|sup|font|hr';
const TAG = new RegExp(`<\\/?(?:${TAG_NAMES})(?:\\s[^<>]*)?\\/?>`, 'i');
const TAGS = new RegExp(TAG.source, 'gi');
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
};

function emptyQuestionnaire(language: string) {
  return { definition: { languages: [language], sections: [] } };
}
