export { EmailMessage, type EmailStatus } from './email-message.entity.js';
export { EmailService, type EmailRequest } from './email.service.js';
export { FileMailTransport, MailTransport, type OutgoingEmail } from './mail-transport.js';
export { NOTIFICATION_ENTITIES, NotificationModule } from './notification.module.js';
export {
  LOCALES,
  escapeHtml,
  renderEmail,
  type EmailTemplateName,
  type EmailTemplates,
  type Locale,
  type RenderedEmail,
} from './templates/index.js';
