import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';

export interface ReceivedEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * The emails an Assay server without SMTP_URL writes as `.eml` files to `<data dir>/mail`, read
 * the way a mail client would (MIME, quoted-printable and all).
 */
export class Mailbox {
  /** Files already returned, or addressed to someone else. */
  private readonly done = new Set<string>();

  constructor(readonly directory: string) {}

  /** Waits for an email to `to` not returned before; fails after `timeoutMs`. */
  async next(to: string, timeoutMs = 30_000): Promise<ReceivedEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const files = await readdir(this.directory).catch(() => [] as string[]);
      for (const file of files.filter((name) => name.endsWith('.eml') && !this.done.has(name))) {
        const path = join(this.directory, file);
        // The server writes a file in more than one step: read it once it has settled.
        if ((await stat(path)).mtimeMs > Date.now() - 250) continue;
        const parsed = await simpleParser(await readFile(path));
        const recipients = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [])
          .flatMap((address) => address.value)
          .map((address) => address.address?.toLowerCase());
        this.done.add(file);
        if (recipients.includes(to.toLowerCase())) {
          return { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
        }
      }
      if (Date.now() > deadline) {
        throw new Error(
          `No email to ${to} in ${this.directory} after ${timeoutMs / 1000} s. Is that the ` +
            "server's ASSAY_DATA_DIR (pass --data-dir), and does it write emails to files (no SMTP_URL)?",
        );
      }
      await sleep(200);
    }
  }
}

/** The single-use token an email gives on a line of its own (sign-up, member invitation, reset). */
export function tokenOnItsOwnLine(email: ReceivedEmail): string {
  const token = /^([A-Za-z0-9_-]{43})$/m.exec(email.text)?.[1];
  if (!token) throw new Error(`No token in the email "${email.subject}"`);
  return token;
}

/** The token after `invitation=` in an assessment invitation's link. */
export function invitationToken(email: ReceivedEmail): string {
  const token = /[#&?]invitation=([A-Za-z0-9_-]{43})/.exec(email.text)?.[1];
  if (!token) throw new Error(`No invitation link in the email "${email.subject}"`);
  return token;
}
