export type Locale = 'en' | 'zh-CN';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** A rendered email: a plain-text part and an HTML part. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe to put in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Paragraphs to both parts: plain lines, and escaped HTML paragraphs. */
export function layout(subject: string, paragraphs: readonly string[]): RenderedEmail {
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html:
      '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">' +
      paragraphs
        .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
        .join('') +
      '</body></html>',
  };
}

export function formatDate(date: Date, locale: Locale): string {
  return (
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(date) + ' UTC'
  );
}
