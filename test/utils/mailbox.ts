import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { AppConfig } from '#core';
import { eventually } from './eventually.js';

export interface ReceivedEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  /** The Content-Language header: the language the email is written in. */
  readonly language: string;
}

/** Every email the app has written to ASSAY_DATA_DIR/mail, parsed as a mail client would. */
export async function readMailbox(config: AppConfig): Promise<ReceivedEmail[]> {
  const directory = join(config.dataDir, 'mail');
  const files = await readdir(directory).catch(() => [] as string[]);
  return Promise.all(
    files
      .filter((file) => file.endsWith('.eml'))
      .sort()
      .map(async (file) => {
        const parsed = await simpleParser(await readFile(join(directory, file)));
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
        return {
          to: to?.value[0]?.address ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          language: String(parsed.headers.get('content-language') ?? ''),
        };
      }),
  );
}

/** Waits for an email to `to` whose subject matches, and returns it. */
export async function waitForEmail(
  config: AppConfig,
  to: string,
  subject: RegExp,
): Promise<ReceivedEmail> {
  return eventually(
    async () =>
      (await readMailbox(config)).find((email) => email.to === to && subject.test(email.subject)),
    { what: `an email to ${to} about ${String(subject)}` },
  );
}

/** The 43-character token an email carries. */
export function tokenIn(email: ReceivedEmail): string {
  const token = /\n([A-Za-z0-9_-]{43})\n/.exec(`\n${email.text}\n`)?.[1];
  if (!token) throw new Error(`No token in: ${email.text}`);
  return token;
}
