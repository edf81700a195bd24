import type { EmailMessage } from '#notification';
import { toGlobalId } from '../graphql/relay/global-id.js';
import type { LocaleModel } from '../identity/member.model.js';
import { EmailMessageModel } from './email-message.model.js';

export const EMAIL_MESSAGE_TYPE = 'EmailMessage';

/** Exposes what an admin needs to follow delivery; never the parameters or sealed secrets. */
export function toEmailMessageModel(message: EmailMessage): EmailMessageModel {
  return Object.assign(new EmailMessageModel(), {
    id: toGlobalId(EMAIL_MESSAGE_TYPE, message.id),
    recipient: message.recipient,
    template: message.template,
    locale: message.locale as LocaleModel,
    status: message.status,
    attempts: message.attempts,
    lastError: message.lastError,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
  });
}
