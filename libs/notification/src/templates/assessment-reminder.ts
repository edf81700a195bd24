import { invitationLink } from './assessment-invitation.js';
import { days, formatDay, layout, type Locale, type RenderedEmail } from './template.js';

/** To the vendor contact, before the due date of an assessment not yet submitted. */
export interface AssessmentReminderParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** Whole days until the due date; 0 on the day itself. */
  readonly daysLeft: number;
  readonly publicUrl: string;
  /** Sealed at rest. The stored invitation token is only a hash: the sender issues a fresh one. */
  readonly token: string;
}

export function assessmentReminder(
  params: AssessmentReminderParams,
  locale: Locale,
): RenderedEmail {
  const due = formatDay(params.dueDate, locale);
  const link = invitationLink(params.publicUrl, params.token);
  const today = params.daysLeft <= 0;
  if (locale === 'zh-CN') {
    const when = today ? '今天到期' : `还剩 ${days(params.daysLeft, locale)}`;
    return layout(
      today
        ? `提醒：${params.vendorName}的问卷今天到期（「${params.organizationName}」）`
        : `提醒：${params.vendorName}需在 ${days(params.daysLeft, locale)}内向「${params.organizationName}」提交问卷`,
      [
        `「${params.organizationName}」正在等待${params.vendorName}填写问卷「${params.questionnaireName}」，截止日期为 ${due}（${when}）。`,
        { lead: '请打开以下链接继续作答（链接仅供您本人使用，请勿转发）：', href: link },
        '已保存的答案会保留；请在回答所有必答题后提交。',
        '如果您已经提交，请忽略本邮件。',
      ],
      locale,
    );
  }
  const when = today ? 'today' : `in ${days(params.daysLeft, locale)}`;
  return layout(
    `Reminder: ${params.vendorName}'s answers to ${params.organizationName} are due ${when}`,
    [
      `${params.organizationName} is waiting for ${params.vendorName}'s answers to the questionnaire "${params.questionnaireName}". They are due by ${due} (${when}).`,
      { lead: 'Open this link to continue (it is yours alone; do not forward it):', href: link },
      'Answers you have saved are kept; submit once every required question is answered.',
      'If you have already submitted, ignore this email.',
    ],
    locale,
  );
}
