import { formatDay, layout, type Locale, type RenderedEmail } from './template.js';

export interface AssessmentInvitationParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  readonly publicUrl: string;
  /** Sealed at rest. */
  readonly token: string;
}

/**
 * The link carries the token in its fragment, which browsers never send to a server, so it
 * appears in no access log; the page behind it exchanges it with exchangeInvitation.
 */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/vendor/assessment#invitation=${token}`;
}

export function assessmentInvitation(
  params: AssessmentInvitationParams,
  locale: Locale,
): RenderedEmail {
  const due = formatDay(params.dueDate, locale);
  const link = invitationLink(params.publicUrl, params.token);
  if (locale === 'zh-CN') {
    return layout(
      `「${params.organizationName}」邀请${params.vendorName}填写隐私与安全问卷`,
      [
        `「${params.organizationName}」邀请${params.vendorName}填写问卷「${params.questionnaireName}」，请于 ${due} 前提交。`,
        { lead: '请打开以下链接作答（链接仅供您本人使用，请勿转发）：', href: link },
        `通过 API 作答时，请以链接中 invitation= 之后的令牌调用 exchangeInvitation。`,
        '如果您并不认识该组织，请忽略本邮件。',
      ],
      locale,
    );
  }
  return layout(
    `${params.organizationName} asks ${params.vendorName} to answer a questionnaire`,
    [
      `${params.organizationName} invites ${params.vendorName} to answer the questionnaire "${params.questionnaireName}" by ${due}.`,
      { lead: 'Open this link to answer (it is yours alone; do not forward it):', href: link },
      'Through the API, exchange the token after invitation= in the link with exchangeInvitation.',
      'If you do not know this organization, ignore this email.',
    ],
    locale,
  );
}
