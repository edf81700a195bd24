import { isEmail, isISO31661Alpha2, isURL } from 'class-validator';
import { cleanText, type FieldProblem } from '#core';
import type { DataProfile } from './data-profile.js';

export { cleanText, nameKey, optionalText } from '#core';

const isCountry = (code: string) => /^[A-Z]{2}$/.test(code) && isISO31661Alpha2(code);
const notCountry = (path: string, code: string) => ({
  path,
  message: `"${code}" is not an ISO 3166-1 alpha-2 country code`,
});

/** Problems with a list of ISO 3166-1 alpha-2 codes (upper case), one per bad code. */
export function countryProblems(path: string, codes: readonly string[]): FieldProblem[] {
  return codes.flatMap((code, index) =>
    isCountry(code) ? [] : [notCountry(`${path}[${index}]`, code)],
  );
}

/** Problems with one optional country code. */
export function countryProblem(path: string, code: string | null | undefined): FieldProblem[] {
  return !code || isCountry(code) ? [] : [notCountry(path, code)];
}

export function emailProblem(path: string, email: string): FieldProblem[] {
  return isEmail(email.trim()) ? [] : [{ path, message: 'must be an email address' }];
}

export function websiteProblem(path: string, website: string | null | undefined): FieldProblem[] {
  return !website || isURL(website, { protocols: ['http', 'https'], require_protocol: true })
    ? []
    : [{ path, message: 'must be an http(s) URL' }];
}

export function requiredTextProblem(path: string, value: string | undefined): FieldProblem[] {
  return value !== undefined && !cleanText(value) ? [{ path, message: 'must not be empty' }] : [];
}

/** Problems with a data profile's free values (enums are checked by the schema). */
export function dataProfileProblems(path: string, profile: DataProfile): FieldProblem[] {
  return countryProblems(`${path}.dataCountries`, profile.dataCountries);
}

/** Tags as stored: trimmed, lower case, without duplicates, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => cleanText(tag).toLowerCase()).filter(Boolean))];
}
