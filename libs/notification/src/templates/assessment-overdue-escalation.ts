import { assessmentLink } from './links.js';
import { days, formatDay, layout, type Locale, type RenderedEmail } from './template.js';

/** To the vendor's risk owner (a member): an assessment is overdue and its contact has not acted. */
export interface AssessmentOverdueEscalationParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** Whole days since the due date, at least 1. */
  readonly daysOverdue: number;
  /** The vendor contact the assessment was sent to. */
  readonly contactName: string;
  readonly contactEmail: string;
  readonly publicUrl: string;
  readonly assessmentId: string;
}

export function assessmentOverdueEscalation(
  params: AssessmentOverdueEscalationParams,
  locale: Locale,
): RenderedEmail {
  const due = formatDay(params.dueDate, locale);
  const late = days(params.daysOverdue, locale);
  const link = assessmentLink(params.publicUrl, params.assessmentId);
  const contact = `${params.contactName} <${params.contactEmail}>`;
  if (locale === 'zh-CN') {
    return layout(
      `升级提醒：${params.vendorName}的问卷「${params.questionnaireName}」已逾期 ${late}`,
      [
        `${params.vendorName}尚未提交问卷「${params.questionnaireName}」，该问卷已于 ${due} 到期，至今已逾期 ${late}。您作为该供应商在「${params.organizationName}」的风险负责人收到此邮件。`,
        `问卷发给了 ${contact}。`,
        { lead: '查看评估：', href: link },
        '您可以重新发送邀请（resendInvitation），或取消该评估（cancelAssessment）。',
      ],
      locale,
    );
  }
  return layout(
    `Escalation: ${params.vendorName} is ${late} late with "${params.questionnaireName}"`,
    [
      `${params.vendorName} has not submitted the questionnaire "${params.questionnaireName}", which was due on ${due}, ${late} ago. You receive this as the vendor's risk owner at ${params.organizationName}.`,
      `It was sent to ${contact}.`,
      { lead: 'See the assessment:', href: link },
      'You can send the invitation again (resendInvitation) or cancel the assessment (cancelAssessment).',
    ],
    locale,
  );
}
