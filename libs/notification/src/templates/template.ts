export type Locale = 'en' | 'zh-CN';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** A rendered email: a plain-text part and an HTML part. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A paragraph that ends with a link: the URL on a line of its own, clickable in HTML. */
export interface LinkParagraph {
  readonly lead: string;
  readonly href: string;
}

export type Paragraph = string | LinkParagraph;

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

const htmlLines = (text: string) => escapeHtml(text).replaceAll('\n', '<br>');

function paragraphText(paragraph: Paragraph): string {
  return typeof paragraph === 'string' ? paragraph : `${paragraph.lead}\n${paragraph.href}`;
}

function paragraphHtml(paragraph: Paragraph): string {
  if (typeof paragraph === 'string') return `<p>${htmlLines(paragraph)}</p>`;
  const href = escapeHtml(paragraph.href);
  // Only web links become anchors; anything else stays text.
  const link = /^https?:\/\//i.test(paragraph.href) ? `<a href="${href}">${href}</a>` : href;
  return `<p>${htmlLines(paragraph.lead)}<br>${link}</p>`;
}

/**
 * Paragraphs to both parts: plain lines, and HTML paragraphs in which every character of text
 * (parameters included) is escaped.
 */
export function layout(
  subject: string,
  paragraphs: readonly Paragraph[],
  locale?: Locale,
): RenderedEmail {
  return {
    subject,
    text: `${paragraphs.map(paragraphText).join('\n\n')}\n`,
    html:
      `<!doctype html><html${locale ? ` lang="${locale}"` : ''}>` +
      '<body style="font-family: sans-serif; line-height: 1.5">' +
      paragraphs.map(paragraphHtml).join('') +
      '</body></html>',
  };
}

/** A moment, with its time, in UTC. */
export function formatDate(date: Date, locale: Locale): string {
  return (
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(date) + ' UTC'
  );
}

/** A calendar day given as `YYYY-MM-DD`, e.g. "March 5, 2026" or "2026年3月5日". */
export function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** "1 day", "3 days", "3 天". */
export function days(count: number, locale: Locale): string {
  if (locale === 'zh-CN') return `${count} 天`;
  return count === 1 ? '1 day' : `${count} days`;
}

/** A bulleted list of items, one per line. */
export function bullets(items: readonly string[]): string {
  return items.map((item) => `• ${item}`).join('\n');
}
