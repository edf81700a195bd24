import { assessmentLink, findingLink } from './links.js';
import { days, formatDay, layout, type Locale, type RenderedEmail } from './template.js';

/** What falls due. */
export type FollowUpKind = 'RISK_ACCEPTANCE' | 'COVERAGE_EXCEPTION' | 'INVITATION';

/**
 * To the members who follow a vendor: an accepted risk or an approval exception runs out (or
 * has), or an invitation expired with the questionnaire unanswered.
 */
export interface FollowUpDueParams {
  readonly kind: FollowUpKind;
  readonly organizationName: string;
  readonly vendorName: string;
  /** The finding's title (RISK_ACCEPTANCE) or the questionnaire's name. */
  readonly subjectName: string;
  /** `YYYY-MM-DD`: when it runs out or ran out. */
  readonly day: string;
  /** Whole days until `day`; 0 or less once it has come. */
  readonly daysLeft: number;
  readonly publicUrl: string;
  /** The finding (RISK_ACCEPTANCE) or the assessment. */
  readonly objectId: string;
}

export function followUpDue(params: FollowUpDueParams, locale: Locale): RenderedEmail {
  const when = formatDay(params.day, locale);
  const link =
    params.kind === 'RISK_ACCEPTANCE'
      ? findingLink(params.publicUrl, params.objectId)
      : assessmentLink(params.publicUrl, params.objectId);
  const passed = params.daysLeft <= 0;
  const left = days(params.daysLeft, locale);
  if (locale === 'zh-CN') {
    const [subject, body] = {
      RISK_ACCEPTANCE: passed
        ? [
            `${params.vendorName}：风险接受已到期`,
            `对${params.vendorName}的发现项「${params.subjectName}」的风险接受已于 ${when} 到期，该发现项重新需要处理。`,
          ]
        : [
            `${params.vendorName}：风险接受将在 ${left}后到期`,
            `对${params.vendorName}的发现项「${params.subjectName}」的风险接受将于 ${when} 到期（还剩 ${left}）。请复核该风险，或在到期前推动整改。`,
          ],
      COVERAGE_EXCEPTION: passed
        ? [
            `${params.vendorName}：批准例外已到期`,
            `批准${params.vendorName}时授予的协议覆盖例外已于 ${when} 到期；请补签所缺协议或重新评估。`,
          ]
        : [
            `${params.vendorName}：批准例外将在 ${left}后到期`,
            `批准${params.vendorName}时授予的协议覆盖例外将于 ${when} 到期（还剩 ${left}）；请在此之前补签所缺协议。`,
          ],
      INVITATION: [
        `${params.vendorName}的问卷邀请已过期`,
        `发送给${params.vendorName}的问卷「${params.subjectName}」的邀请链接已于 ${when} 过期，问卷尚未提交。如需继续，请重新发送邀请。`,
      ],
    }[params.kind];
    return layout(
      subject,
      [`「${params.organizationName}」：${body}`, { lead: '查看：', href: link }],
      locale,
    );
  }
  const [subject, body] = {
    RISK_ACCEPTANCE: passed
      ? [
          `${params.vendorName}: an accepted risk has run out`,
          `The risk accepted for ${params.vendorName}'s finding "${params.subjectName}" ran out on ${when}; the finding needs attention again.`,
        ]
      : [
          `${params.vendorName}: an accepted risk runs out in ${left}`,
          `The risk accepted for ${params.vendorName}'s finding "${params.subjectName}" runs out on ${when} (in ${left}). Review it, or see the remediation through before then.`,
        ],
    COVERAGE_EXCEPTION: passed
      ? [
          `${params.vendorName}: the approval exception has run out`,
          `The agreement-coverage exception granted when ${params.vendorName} was approved ran out on ${when}; sign the missing agreements or reassess the vendor.`,
        ]
      : [
          `${params.vendorName}: the approval exception runs out in ${left}`,
          `The agreement-coverage exception granted when ${params.vendorName} was approved runs out on ${when} (in ${left}); sign the missing agreements before then.`,
        ],
    INVITATION: [
      `${params.vendorName}'s invitation has expired`,
      `The invitation link to the questionnaire "${params.subjectName}" sent to ${params.vendorName} expired on ${when} without a submission. Resend the invitation to carry on.`,
    ],
  }[params.kind];
  return layout(
    subject,
    [`${params.organizationName}: ${body}`, { lead: 'See it:', href: link }],
    locale,
  );
}
