export { EMAIL_STATUSES, EmailMessage, type EmailStatus } from './email-message.entity.js';
export { EmailService, type EmailMessageFilter, type EmailRequest } from './email.service.js';
export {
  FileMailTransport,
  MailDeliveryError,
  MailTransport,
  type OutgoingEmail,
} from './mail-transport.js';
export { NOTIFICATION_ENTITIES, NotificationModule } from './notification.module.js';
export { SMTP_TIMEOUTS, SmtpMailTransport } from './smtp-mail-transport.js';
export {
  EMAIL_TEMPLATE_NAMES,
  LOCALES,
  agreementLink,
  assessmentLink,
  escapeHtml,
  findingLink,
  invitationLink,
  renderEmail,
  type AssessmentDecisionCode,
  type EmailTemplateName,
  type EmailTemplates,
  type Locale,
  type RenderedEmail,
} from './templates/index.js';
