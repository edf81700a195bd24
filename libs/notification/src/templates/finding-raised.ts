import { findingLink } from './links.js';
import { formatDay, layout, type Locale, type RenderedEmail } from './template.js';
import { severityWord } from './vocabulary.js';

/** To the finding's owner (a member): a finding was raised against a vendor. */
export interface FindingRaisedParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly title: string;
  /** LOW | MEDIUM | HIGH | CRITICAL. */
  readonly severity: string;
  /** `YYYY-MM-DD`, when it has one. */
  readonly dueDate?: string | null;
  readonly publicUrl: string;
  readonly findingId: string;
}

export function findingRaised(params: FindingRaisedParams, locale: Locale): RenderedEmail {
  const severity = severityWord(params.severity, locale);
  const link = findingLink(params.publicUrl, params.findingId);
  if (locale === 'zh-CN') {
    return layout(
      `${params.vendorName}新增${severity}风险发现项：${params.title}`,
      [
        `「${params.organizationName}」针对${params.vendorName}提出了一个${severity}风险发现项：「${params.title}」。`,
        params.dueDate
          ? `整改截止日期：${formatDay(params.dueDate, locale)}。`
          : '该发现项没有设定截止日期。',
        { lead: '查看发现项：', href: link },
      ],
      locale,
    );
  }
  return layout(
    `New ${severity}-severity finding for ${params.vendorName}: ${params.title}`,
    [
      `A ${severity}-severity finding was raised against ${params.vendorName} at ${params.organizationName}: "${params.title}".`,
      params.dueDate
        ? `It is due to be resolved by ${formatDay(params.dueDate, locale)}.`
        : 'It has no due date.',
      { lead: 'See the finding:', href: link },
    ],
    locale,
  );
}
