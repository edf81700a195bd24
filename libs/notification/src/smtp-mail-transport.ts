import { Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import {
  MailDeliveryError,
  MailTransport,
  mailOptions,
  type OutgoingEmail,
} from './mail-transport.js';

/**
 * Short timeouts: a send runs inside a job, and a server that does not answer should fail the
 * attempt (to be retried with backoff) rather than hold a worker slot for minutes (nodemailer's
 * defaults are 2 minutes to connect and 10 minutes of socket silence).
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

/** What nodemailer puts on the errors it throws. */
interface NodemailerError {
  readonly message?: string;
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Sends through the SMTP server of SMTP_URL (`smtp://` with STARTTLS when offered, `smtps://`
 * with TLS from the start), one connection per email. Only the server's host and port are ever
 * logged or put in an error; the URL's credentials never are.
 */
export class SmtpMailTransport extends MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  /** `host:port`: the only part of SMTP_URL that may be logged. */
  readonly server: string;
  /** Strings that must not reach a log or a stored error. */
  private readonly secrets: string[];

  constructor(
    private readonly from: string,
    smtpUrl: string,
  ) {
    super();
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.server = `${url.hostname}:${url.port || (secure ? 465 : 587)}`;
    const password = safeDecode(url.password);
    const user = safeDecode(url.username);
    this.secrets = [
      smtpUrl,
      url.password,
      password,
      // AUTH PLAIN and LOGIN send these base64-encoded; a server may echo them back.
      Buffer.from(`\u0000${user}\u0000${password}`).toString('base64'),
      Buffer.from(password).toString('base64'),
    ]
      .filter((secret) => secret.length >= 4)
      .sort((a, b) => b.length - a.length);
    // nodemailer reads host, port, TLS mode, credentials and any options in the query string
    // from the URL itself; the timeouts below apply unless the URL's query sets its own.
    this.transporter = nodemailer.createTransport({
      url: smtpUrl,
      ...SMTP_TIMEOUTS,
      logger: false,
      debug: false,
    });
    this.logger.log(`Emails are sent through the SMTP server at ${this.server}`);
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.transporter.sendMail(mailOptions(this.from, email));
    } catch (error) {
      throw this.describe(error as NodemailerError);
    }
    this.logger.log(`Email ${email.messageId} handed to ${this.server}`);
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }

  /**
   * A 5xx answer refuses this message for good (unknown mailbox, message rejected), except a
   * failed login: that is the server's configuration, which an operator can fix while the
   * message is retried. Anything else (4xx, timeouts, refused connections) may pass later.
   */
  private describe(error: NodemailerError): MailDeliveryError {
    const code = error.responseCode;
    const permanent =
      typeof code === 'number' && code >= 500 && code < 600 && error.code !== 'EAUTH';
    const answer = error.response ?? error.message ?? 'unknown error';
    const text = code
      ? `SMTP ${this.server} answered ${error.command ?? 'the message'} with ${answer}`
      : `SMTP ${this.server} failed (${error.code ?? 'error'}): ${answer}`;
    return new MailDeliveryError(this.redact(text), permanent);
  }

  private redact(text: string): string {
    return this.secrets.reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text);
  }
}
