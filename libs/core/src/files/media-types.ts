import { supportedMimeTypes } from 'file-type';

export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PLAIN_TEXT = 'text/plain';
export const CSV = 'text/csv';
export const JSON_TEXT = 'application/json';
export const YAML = 'application/yaml';

/** What FILE_ALLOWED_MEDIA_TYPES allows when unset: documents, images, spreadsheets, text. */
export const DEFAULT_ALLOWED_MEDIA_TYPES: readonly string[] = [
  PDF,
  PNG,
  JPEG,
  DOCX,
  XLSX,
  PLAIN_TEXT,
  CSV,
  JSON_TEXT,
  YAML,
];

/**
 * Text has no magic number: its media type comes from the name's extension, once the content
 * has proved to be text (see inspectContent).
 */
export const TEXT_EXTENSIONS: Readonly<Record<string, string>> = {
  '.txt': PLAIN_TEXT,
  '.csv': CSV,
  '.json': JSON_TEXT,
  '.yaml': YAML,
  '.yml': YAML,
};

/** The extensions a name may have for content of a type; others contradict the content. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  [PDF]: ['.pdf'],
  [PNG]: ['.png'],
  [JPEG]: ['.jpg', '.jpeg'],
  [DOCX]: ['.docx'],
  [XLSX]: ['.xlsx'],
  [PLAIN_TEXT]: ['.txt'],
  [CSV]: ['.csv'],
  [JSON_TEXT]: ['.json'],
  [YAML]: ['.yaml', '.yml'],
};

/** Words people recognise, for error messages. */
const LABELS: Readonly<Record<string, string>> = {
  [PDF]: 'a PDF document',
  [PNG]: 'a PNG image',
  [JPEG]: 'a JPEG image',
  [DOCX]: 'a Word document (DOCX)',
  [XLSX]: 'an Excel workbook (XLSX)',
  [PLAIN_TEXT]: 'plain text',
  [CSV]: 'CSV text',
  [JSON_TEXT]: 'JSON text',
  [YAML]: 'YAML text',
  'application/x-msdownload': 'a Windows executable',
  'application/x-elf': 'an ELF executable',
  'application/x-mach-binary': 'a Mach-O executable',
  'application/zip': 'a ZIP archive',
};

const RECOGNISED = new Set([
  ...[...supportedMimeTypes].map((type) => type.toLowerCase()),
  ...Object.values(TEXT_EXTENSIONS),
]);

/** Whether the content sniffer can ever report `mediaType` (so that allowing it means something). */
export function isRecognisedMediaType(mediaType: string): boolean {
  return RECOGNISED.has(mediaType.toLowerCase());
}

/** The extensions that fit `mediaType`; `sniffedExtension` (the sniffer's own) for unlisted ones. */
export function extensionsFor(mediaType: string, sniffedExtension?: string): readonly string[] {
  return EXTENSIONS[mediaType] ?? (sniffedExtension ? [`.${sniffedExtension}`] : []);
}

/** `a PDF document (application/pdf)`, or the bare media type when it has no label. */
export function describeMediaType(mediaType: string): string {
  const label = LABELS[mediaType];
  return label ? `${label} (${mediaType})` : mediaType;
}
