import type { LocalizedText, TemplateDefinitionInput } from '../../definition/definition.schema.js';
import {
  finishImport,
  type ImportMessage,
  type ImportOutcome,
  type Importer,
} from '../import-types.js';
import { ASSAY_JSON_FORMAT, ASSAY_JSON_FORMAT_VERSION } from './assay-json-format.js';

const ENVELOPE_FIELDS = new Set(['format', 'formatVersion', 'title', 'description', 'definition']);

/**
 * Imports Assay's own JSON file: `{ format, formatVersion, title?, description?,
 * definition }`, or a bare definition document.
 */
export const importAssayJson: Importer = (content) => {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (error) {
    return failure(jsonErrorLocation((error as Error).message, text), jsonErrorMessage(error));
  }
  if (!isRecord(document)) return failure('line 1', 'the file must hold a JSON object');
  if (!('format' in document) && !('definition' in document)) {
    return finishImport({ definition: document as TemplateDefinitionInput }, [], []);
  }

  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  // A file without the marker is still read; one with a different marker is another format.
  if ('format' in document && document.format !== ASSAY_JSON_FORMAT) {
    errors.push({
      location: 'format',
      message: `must be "${ASSAY_JSON_FORMAT}", found ${JSON.stringify(document.format)}; this is not an Assay questionnaire file`,
    });
  }
  const version = document.formatVersion;
  if (version !== undefined && version !== ASSAY_JSON_FORMAT_VERSION) {
    errors.push({
      location: 'formatVersion',
      message:
        typeof version === 'number' && version > ASSAY_JSON_FORMAT_VERSION
          ? `version ${version} was written by a newer Assay; this one reads version ${ASSAY_JSON_FORMAT_VERSION}`
          : `must be ${ASSAY_JSON_FORMAT_VERSION}, found ${JSON.stringify(version)}`,
    });
  }
  for (const field of Object.keys(document)) {
    if (!ENVELOPE_FIELDS.has(field)) {
      warnings.push({ location: field, message: `unknown field "${field}" is ignored` });
    }
  }
  const title = localizedText(document.title, 'title', errors);
  const description = localizedText(document.description, 'description', errors);
  if (!isRecord(document.definition)) {
    errors.push({
      location: 'definition',
      message:
        document.definition === undefined
          ? 'is required'
          : 'must be an object with languages and sections',
    });
  }
  return finishImport(
    {
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      definition: document.definition as TemplateDefinitionInput,
    },
    errors,
    warnings,
  );
};

function localizedText(
  value: unknown,
  location: string,
  errors: ImportMessage[],
): LocalizedText | undefined {
  if (value === undefined) return undefined;
  if (isRecord(value) && Object.values(value).every((text) => typeof text === 'string')) {
    return value as LocalizedText;
  }
  errors.push({ location, message: 'must map language tags to text, e.g. { "en": "..." }' });
  return undefined;
}

/** `line L, column C` of a JSON.parse error, from the position the engine reports. */
function jsonErrorLocation(message: string, text: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** The engine's message without the position, which the location already says. */
function jsonErrorMessage(error: unknown): string {
  const message = (error as Error).message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '');
  return `not valid JSON: ${message}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(location: string, message: string): ImportOutcome {
  return { ok: false, errors: [{ location, message }], warnings: [] };
}
