import { invitationLink } from './assessment-invitation.js';
import { bullets, layout, type Locale, type RenderedEmail } from './template.js';

/** To the vendor contact: a reviewer reopened some questions for changes. */
export interface AssessmentChangesRequestedParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** The reopened questions as the contact should read them (text in the email's language). */
  readonly questions: readonly string[];
  /** The reviewer's note to the vendor, if any. */
  readonly comment?: string | null;
  readonly publicUrl: string;
  /** Sealed at rest. The stored invitation token is only a hash: the sender issues a fresh one. */
  readonly token: string;
}

export function assessmentChangesRequested(
  params: AssessmentChangesRequestedParams,
  locale: Locale,
): RenderedEmail {
  const link = invitationLink(params.publicUrl, params.token);
  const questions = bullets(params.questions);
  if (locale === 'zh-CN') {
    return layout(
      `「${params.organizationName}」请${params.vendorName}修改部分答案`,
      [
        `「${params.organizationName}」审核了${params.vendorName}对问卷「${params.questionnaireName}」的答案，请修改以下问题：\n${questions}`,
        ...(params.comment ? [`审核人的说明：\n${params.comment}`] : []),
        { lead: '请打开以下链接修改并重新提交（链接仅供您本人使用，请勿转发）：', href: link },
        '只有这些问题可以修改，其余答案保持已提交的内容。',
      ],
      locale,
    );
  }
  return layout(
    `${params.organizationName} asks ${params.vendorName} to revise some answers`,
    [
      `${params.organizationName} reviewed ${params.vendorName}'s answers to the questionnaire "${params.questionnaireName}" and asks for changes to these questions:\n${questions}`,
      ...(params.comment ? [`The reviewer's note:\n${params.comment}`] : []),
      {
        lead: 'Open this link to revise them and submit again (it is yours alone; do not forward it):',
        href: link,
      },
      'Only these questions can be changed; your other answers stay as submitted.',
    ],
    locale,
  );
}
