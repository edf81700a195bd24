import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#core';
import type { RenderedEmail } from './templates/index.js';

export interface OutgoingEmail extends RenderedEmail {
  readonly to: string;
  /** Stable per message, so that a receiver can recognise a redelivery. */
  readonly messageId: string;
}

/** Where emails go. The default writes .eml files; issue-level SMTP support plugs in here. */
export abstract class MailTransport {
  abstract send(email: OutgoingEmail): Promise<void>;
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
    const info = (await this.transporter.sendMail({
      from: this.config.mail.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${email.messageId}@assay>`,
    })) as { message: Buffer };
    await mkdir(this.directory, { recursive: true });
    const file = join(this.directory, `${email.messageId}.eml`);
    await writeFile(file, info.message);
    this.logger.log(`Email "${email.subject}" written to ${file}`);
  }
}
