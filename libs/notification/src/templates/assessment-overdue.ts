import { invitationLink } from './assessment-invitation.js';
import { days, formatDay, layout, type Locale, type RenderedEmail } from './template.js';

/** To the vendor contact, after the due date of an assessment not yet submitted. */
export interface AssessmentOverdueParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** Whole days since the due date, at least 1. */
  readonly daysOverdue: number;
  readonly publicUrl: string;
  /** Sealed at rest. The stored invitation token is only a hash: the sender issues a fresh one. */
  readonly token: string;
}

export function assessmentOverdue(params: AssessmentOverdueParams, locale: Locale): RenderedEmail {
  const due = formatDay(params.dueDate, locale);
  const late = days(params.daysOverdue, locale);
  const link = invitationLink(params.publicUrl, params.token);
  if (locale === 'zh-CN') {
    return layout(
      `逾期：${params.vendorName}向「${params.organizationName}」提交的问卷已逾期 ${late}`,
      [
        `「${params.organizationName}」发给${params.vendorName}的问卷「${params.questionnaireName}」已于 ${due} 到期，至今已逾期 ${late}，尚未提交。`,
        { lead: '请尽快打开以下链接完成并提交（链接仅供您本人使用，请勿转发）：', href: link },
        `如需延期，请联系「${params.organizationName}」的对接人。`,
      ],
      locale,
    );
  }
  return layout(
    `Overdue: ${params.vendorName}'s answers to ${params.organizationName} are ${late} late`,
    [
      `The questionnaire "${params.questionnaireName}" that ${params.organizationName} sent to ${params.vendorName} was due on ${due}, ${late} ago, and has not been submitted.`,
      {
        lead: 'Please finish and submit it as soon as you can (the link is yours alone; do not forward it):',
        href: link,
      },
      `If you need more time, contact the person at ${params.organizationName} who asked you.`,
    ],
    locale,
  );
}
