import { agreementExpired, type AgreementExpiredParams } from './agreement-expired.js';
import { agreementExpiring, type AgreementExpiringParams } from './agreement-expiring.js';
import {
  assessmentChangesRequested,
  type AssessmentChangesRequestedParams,
} from './assessment-changes-requested.js';
import { assessmentDecision, type AssessmentDecisionParams } from './assessment-decision.js';
import { assessmentInvitation, type AssessmentInvitationParams } from './assessment-invitation.js';
import {
  assessmentOverdueEscalation,
  type AssessmentOverdueEscalationParams,
} from './assessment-overdue-escalation.js';
import { assessmentOverdue, type AssessmentOverdueParams } from './assessment-overdue.js';
import { assessmentReminder, type AssessmentReminderParams } from './assessment-reminder.js';
import { assessmentSubmitted, type AssessmentSubmittedParams } from './assessment-submitted.js';
import { findingRaised, type FindingRaisedParams } from './finding-raised.js';
import { followUpDue, type FollowUpDueParams } from './follow-up-due.js';
import { memberInvitation, type MemberInvitationParams } from './member-invitation.js';
import { passwordReset, type PasswordResetParams } from './password-reset.js';
import { signUp, type SignUpParams } from './sign-up.js';
import type { Locale, RenderedEmail } from './template.js';

/**
 * Every email Assay sends, by name, with its parameters. Names are stored with each message:
 * never rename one; add a new name instead.
 */
export interface EmailTemplates {
  'assessment-invitation': AssessmentInvitationParams;
  'assessment-reminder': AssessmentReminderParams;
  'assessment-overdue': AssessmentOverdueParams;
  'assessment-overdue-escalation': AssessmentOverdueEscalationParams;
  'assessment-submitted': AssessmentSubmittedParams;
  'assessment-changes-requested': AssessmentChangesRequestedParams;
  'assessment-decision': AssessmentDecisionParams;
  'finding-raised': FindingRaisedParams;
  'agreement-expiring': AgreementExpiringParams;
  'agreement-expired': AgreementExpiredParams;
  'follow-up-due': FollowUpDueParams;
  'member-invitation': MemberInvitationParams;
  'password-reset': PasswordResetParams;
  'sign-up': SignUpParams;
}

export type EmailTemplateName = keyof EmailTemplates;

const RENDERERS: {
  [Name in EmailTemplateName]: (params: EmailTemplates[Name], locale: Locale) => RenderedEmail;
} = {
  'assessment-invitation': assessmentInvitation,
  'assessment-reminder': assessmentReminder,
  'assessment-overdue': assessmentOverdue,
  'assessment-overdue-escalation': assessmentOverdueEscalation,
  'assessment-submitted': assessmentSubmitted,
  'assessment-changes-requested': assessmentChangesRequested,
  'assessment-decision': assessmentDecision,
  'finding-raised': findingRaised,
  'agreement-expiring': agreementExpiring,
  'agreement-expired': agreementExpired,
  'follow-up-due': followUpDue,
  'member-invitation': memberInvitation,
  'password-reset': passwordReset,
  'sign-up': signUp,
};

export const EMAIL_TEMPLATE_NAMES = Object.keys(RENDERERS) as EmailTemplateName[];

/** Renders one email; an unknown template name throws. */
export function renderEmail<Name extends EmailTemplateName>(
  name: Name,
  params: EmailTemplates[Name],
  locale: Locale,
): RenderedEmail {
  const render = Object.hasOwn(RENDERERS, name) ? RENDERERS[name] : undefined;
  if (!render) throw new Error(`No email template named "${name}"`);
  return render(params, locale);
}

export type { AssessmentDecisionCode } from './assessment-decision.js';
export { invitationLink } from './assessment-invitation.js';
export { agreementLink, assessmentLink, findingLink } from './links.js';
export { LOCALES, escapeHtml, type Locale, type RenderedEmail } from './template.js';
