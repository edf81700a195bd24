import type { LocalizedText, TemplateDefinitionInput } from '../definition/definition.schema.js';
import { validateDefinition } from '../definition/validate-definition.js';

/** The formats a questionnaire can be imported from. */
export enum ImportFormat {
  AssayJson = 'ASSAY_JSON',
  SpreadsheetXlsx = 'SPREADSHEET_XLSX',
  SpreadsheetCsv = 'SPREADSHEET_CSV',
  CisoAssistantYaml = 'CISO_ASSISTANT_YAML',
  VsaqJson = 'VSAQ_JSON',
  ErambaCsv = 'ERAMBA_CSV',
}

/** One error or warning, located in the source file. */
export interface ImportMessage {
  /** Where: `line 12`, `line 12, column 4`, `row 5`, `row 5, column H`, `questionnaire[0].items[3]`. */
  readonly location: string;
  readonly message: string;
}

export interface ImportOptions {
  /** The language of a single-language source; defaults to `en`. */
  readonly language?: string;
  /** Reports progress as questions are converted. */
  readonly onProgress?: (processed: number, total: number) => void;
}

export interface ImportedQuestionnaire {
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly definition: TemplateDefinitionInput;
}

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly questionnaire: ImportedQuestionnaire;
      readonly questionCount: number;
      readonly warnings: readonly ImportMessage[];
    }
  | {
      readonly ok: false;
      readonly errors: readonly ImportMessage[];
      readonly warnings: readonly ImportMessage[];
    };

/** Turns a file's bytes into a draft definition, all or nothing. */
export type Importer = (
  content: Buffer,
  options?: ImportOptions,
) => ImportOutcome | Promise<ImportOutcome>;

/**
 * Ends every import: source errors fail it; otherwise the converted definition
 * is validated as a draft, and its problems are reported at their definition path.
 */
export function finishImport(
  questionnaire: ImportedQuestionnaire,
  errors: readonly ImportMessage[],
  warnings: readonly ImportMessage[],
): ImportOutcome {
  if (errors.length > 0) return { ok: false, errors, warnings };
  const validation = validateDefinition(questionnaire.definition, 'draft');
  if (!validation.valid) {
    return {
      ok: false,
      errors: validation.errors.map((issue) => ({
        location: `definition ${issue.path}`,
        message: issue.message,
      })),
      warnings,
    };
  }
  const questionCount = validation.definition.sections.reduce(
    (sum, section) => sum + section.questions.length,
    0,
  );
  return {
    ok: true,
    questionnaire: { ...questionnaire, definition: validation.definition },
    questionCount,
    warnings: [
      ...warnings,
      ...validation.warnings.map((issue) => ({
        location: `definition ${issue.path}`,
        message: issue.message,
      })),
    ],
  };
}

/** Turns text into a key that satisfies KEY_PATTERN, unique among `taken` (which it extends). */
export function uniqueKey(source: string, taken: Set<string>, fallback = 'item'): string {
  const base =
    source
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_.:-]+/g, '_')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 120) || fallback;
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  taken.add(key);
  return key;
}
