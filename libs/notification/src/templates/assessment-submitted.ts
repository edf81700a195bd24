import { assessmentLink } from './links.js';
import { formatDate, layout, type Locale, type RenderedEmail } from './template.js';

/** To the organization's reviewers: a vendor submitted its answers. */
export interface AssessmentSubmittedParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  /** ISO 8601 timestamp. */
  readonly submittedAt: string;
  readonly publicUrl: string;
  readonly assessmentId: string;
}

export function assessmentSubmitted(
  params: AssessmentSubmittedParams,
  locale: Locale,
): RenderedEmail {
  const submitted = formatDate(new Date(params.submittedAt), locale);
  const link = assessmentLink(params.publicUrl, params.assessmentId);
  if (locale === 'zh-CN') {
    return layout(
      `${params.vendorName}已提交问卷「${params.questionnaireName}」`,
      [
        `${params.vendorName}已于 ${submitted} 向「${params.organizationName}」提交问卷「${params.questionnaireName}」的答案，可以开始审核。`,
        { lead: '开始审核：', href: link },
      ],
      locale,
    );
  }
  return layout(
    `${params.vendorName} submitted "${params.questionnaireName}"`,
    [
      `${params.vendorName} submitted its answers to the questionnaire "${params.questionnaireName}" on ${submitted}. They are ready for review at ${params.organizationName}.`,
      { lead: 'Start the review:', href: link },
    ],
    locale,
  );
}
