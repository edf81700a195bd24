import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { AppConfig } from '#core';
import type { Locale, RenderedEmail } from './templates/index.js';

export interface OutgoingEmail extends RenderedEmail {
  readonly to: string;
  /** Stable per message, so that a receiver can recognise a redelivery. */
  readonly messageId: string;
  /** The language the email is written in (its Content-Language). */
  readonly locale: Locale;
}

/**
 * A send that failed, described in words that may be stored and shown to an admin (never a
 * credential). `permanent`: the server refused this message for good, so retrying is pointless.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** Where emails go: `.eml` files by default, an SMTP server when SMTP_URL is set. */
export abstract class MailTransport {
  /** Hands one email over; throws (a MailDeliveryError when it can say why) when it could not. */
  abstract send(email: OutgoingEmail): Promise<void>;
}

/** The message as nodemailer builds it, the same for every transport. */
export function mailOptions(from: string, email: OutgoingEmail): SendMailOptions {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<${email.messageId}@assay>`,
    headers: { 'Content-Language': email.locale },
  };
}

/**
 * Writes each email as an .eml file under ASSAY_DATA_DIR/mail (one file per message id, so a
 * redelivered send overwrites rather than duplicates): the default until SMTP is configured.
 */
@Injectable()
export class FileMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
    this.transporter = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    });
  }

  get directory(): string {
    return join(this.config.dataDir, 'mail');
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = (await this.transporter.sendMail(mailOptions(this.config.mail.from, email))) as {
      message: Buffer;
    };
    await mkdir(this.directory, { recursive: true });
    const file = join(this.directory, `${email.messageId}.eml`);
    await writeFile(file, info.message);
    this.logger.log(`Email "${email.subject}" written to ${file}`);
  }
}
