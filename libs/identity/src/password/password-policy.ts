import { DomainException } from '#core';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Long enough, not among the passwords most often found in breaches, and not the email's own
 * name. Length rules everything else out (NIST SP 800-63B): no composition rules.
 */
export function checkPassword(password: string, email: string, path = 'input.newPassword'): void {
  const problem = passwordProblem(password, email);
  if (problem)
    throw DomainException.badUserInput('The password is not acceptable', [
      { path, message: problem },
    ]);
}

function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const normalized = password.toLowerCase();
  if (COMMON_PASSWORDS.has(normalized)) return 'is one of the most common passwords';
  if (new Set(normalized).size < 4) return 'repeats too few characters';
  const name = email.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 4 && normalized.includes(name)) return 'must not contain the email address';
  return null;
}
