import type { LocalizedText, TemplateDefinitionInput } from '../definition/definition.schema.js';
import { BREACH_READINESS_QUICK_CHECK } from './breach-readiness.js';
import type { LibraryTemplate } from './library-template.js';
import { PIPL_ENTRUSTED_PROCESSING } from './pipl-entrusted-processing.js';
import { VENDOR_PRIVACY_BASELINE } from './vendor-privacy-baseline.js';

export type { LibraryTemplate } from './library-template.js';
export { BREACH_READINESS_QUICK_CHECK, PIPL_ENTRUSTED_PROCESSING, VENDOR_PRIVACY_BASELINE };

/** The questionnaires shipped with Assay, broadest first. */
export const QUESTIONNAIRE_LIBRARY: readonly LibraryTemplate[] = Object.freeze([
  VENDOR_PRIVACY_BASELINE,
  PIPL_ENTRUSTED_PROCESSING,
  BREACH_READINESS_QUICK_CHECK,
]);

/** The library template with this key, if there is one. */
export function libraryTemplate(key: string): LibraryTemplate | undefined {
  return QUESTIONNAIRE_LIBRARY.find((template) => template.key === key);
}

/** A localized string that still needs translating: where it is and its source text. */
export interface UntranslatedString {
  readonly path: string;
  readonly text: string;
}

/**
 * Letter runs that read the same in every language: short names of standards,
 * laws, regulators, protocols and algorithms. Matched case-sensitively, so
 * "TLS" is a code and "tls" or "Tls" is not.
 */
export const LANGUAGE_NEUTRAL_WORDS: ReadonlySet<string> = new Set([
  'AES',
  'API',
  'CAC',
  'CCPA',
  'CSA',
  'DPA',
  'DSS',
  'GDPR',
  'HIPAA',
  'HSM',
  'HTTPS',
  'IEC',
  'ISO',
  'KMS',
  'MFA',
  'NIST',
  'PCI',
  'PI',
  'PII',
  'PIPL',
  'RPO',
  'RSA',
  'RTO',
  'SAML',
  'SCC',
  'SHA',
  'SIEM',
  'SOC',
  'SSH',
  'SSO',
  'STAR',
  'TLS',
  'VPN',
]);

/**
 * Proper names that contain ordinary words, removed whole before the letter
 * runs are checked: "Type" alone is English, "SOC 2 Type II" is a report's name.
 */
export const LANGUAGE_NEUTRAL_PHRASES: readonly string[] = [
  'SOC 2 Type II',
  'SOC 2 Type I',
  'CSA STAR',
];

/**
 * Whether a text may stay identical in a translation. The rule is deliberately
 * conservative, because a false alarm costs an allowlist entry and a miss ships
 * English to a reader of another language: after removing the proper-name
 * phrases above, every run of letters (in any script) must be a single letter
 * (clause and control markers such as "(a)" or "A.5.24") or a listed code.
 * Digits, punctuation and spaces are neutral. So "ISO/IEC 27001", "SOC 2",
 * "AES-256", "TLS 1.2" and "72" are neutral; "Yes", "Other", "Type" and
 * "Encryption" are not.
 */
export function isLanguageNeutral(text: string): boolean {
  let rest = text;
  for (const phrase of LANGUAGE_NEUTRAL_PHRASES) rest = rest.split(phrase).join(' ');
  const words = rest.match(/\p{L}+/gu) ?? [];
  return words.every((word) => [...word].length === 1 || LANGUAGE_NEUTRAL_WORDS.has(word));
}

/**
 * Every localized string of a definition whose `to` text is missing, blank, or
 * the same as its `from` text when that text is not language-neutral (see
 * `isLanguageNeutral`). Covers section titles and descriptions, question text
 * and help, option labels and knockout findings. A string with no `from` text
 * has nothing to translate and is left to `validateDefinition`. Paths use the
 * same form as `validateDefinition`, e.g. `sections[1].questions[4].options[0].label`.
 */
export function untranslatedStrings(
  definition: TemplateDefinitionInput,
  from = 'en',
  to = 'zh-CN',
): UntranslatedString[] {
  const found: UntranslatedString[] = [];
  const check = (path: string, text: LocalizedText | undefined): void => {
    const problem = untranslated(path, text, from, to);
    if (problem) found.push(problem);
  };
  definition.sections.forEach((section, s) => {
    const sectionPath = `sections[${s}]`;
    check(`${sectionPath}.title`, section.title);
    check(`${sectionPath}.description`, section.description);
    section.questions.forEach((question, q) => {
      const path = `${sectionPath}.questions[${q}]`;
      check(`${path}.text`, question.text);
      check(`${path}.help`, question.help);
      (question.options ?? []).forEach((option, o) => {
        check(`${path}.options[${o}].label`, option.label);
      });
      check(`${path}.knockout.finding`, question.knockout?.finding);
    });
  });
  return found;
}

/**
 * `untranslatedStrings` of a library template, plus its name and description.
 * Definition paths are prefixed with `definition.`.
 */
export function untranslatedTemplateStrings(
  template: LibraryTemplate,
  from = 'en',
  to = 'zh-CN',
): UntranslatedString[] {
  return [
    untranslated('name', template.name, from, to),
    untranslated('description', template.description, from, to),
    ...untranslatedStrings(template.definition, from, to).map((found) => ({
      ...found,
      path: `definition.${found.path}`,
    })),
  ].filter((found): found is UntranslatedString => found !== undefined);
}

function untranslated(
  path: string,
  text: LocalizedText | undefined,
  from: string,
  to: string,
): UntranslatedString | undefined {
  const source = normalize(text?.[from]);
  if (source === '') return undefined;
  const target = normalize(text?.[to]);
  if (target === '' || (target === source && !isLanguageNeutral(source))) {
    return { path, text: text?.[from] ?? '' };
  }
  return undefined;
}

function normalize(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/gu, ' ');
}
