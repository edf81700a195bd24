import { assessmentInvitation, type AssessmentInvitationParams } from './assessment-invitation.js';
import { memberInvitation, type MemberInvitationParams } from './member-invitation.js';
import { passwordReset, type PasswordResetParams } from './password-reset.js';
import { signUp, type SignUpParams } from './sign-up.js';
import type { Locale, RenderedEmail } from './template.js';

/** Every email Assay sends, by name, with its parameters. */
export interface EmailTemplates {
  'assessment-invitation': AssessmentInvitationParams;
  'member-invitation': MemberInvitationParams;
  'password-reset': PasswordResetParams;
  'sign-up': SignUpParams;
}

export type EmailTemplateName = keyof EmailTemplates;

const RENDERERS: {
  [Name in EmailTemplateName]: (params: EmailTemplates[Name], locale: Locale) => RenderedEmail;
} = {
  'assessment-invitation': assessmentInvitation,
  'member-invitation': memberInvitation,
  'password-reset': passwordReset,
  'sign-up': signUp,
};

export function renderEmail<Name extends EmailTemplateName>(
  name: Name,
  params: EmailTemplates[Name],
  locale: Locale,
): RenderedEmail {
  return RENDERERS[name](params, locale);
}

export { invitationLink } from './assessment-invitation.js';
export { LOCALES, escapeHtml, type Locale, type RenderedEmail } from './template.js';
