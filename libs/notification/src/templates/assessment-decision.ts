import { assessmentLink } from './links.js';
import { layout, type Locale, type RenderedEmail } from './template.js';
import { decisionWord, severityWord } from './vocabulary.js';

export type AssessmentDecisionCode = 'APPROVED' | 'APPROVED_WITH_CONDITIONS' | 'REJECTED';

/** To the organization's members who follow the vendor: a reviewer completed an assessment. */
export interface AssessmentDecisionParams {
  readonly organizationName: string;
  readonly vendorName: string;
  readonly questionnaireName: string;
  readonly decision: AssessmentDecisionCode;
  /** LOW | MEDIUM | HIGH | CRITICAL, when rated. */
  readonly residualRating?: string | null;
  /** The reviewer's note: the conditions of an approval with conditions. */
  readonly note?: string | null;
  readonly publicUrl: string;
  readonly assessmentId: string;
}

export function assessmentDecision(
  params: AssessmentDecisionParams,
  locale: Locale,
): RenderedEmail {
  const decision = decisionWord(params.decision, locale);
  const link = assessmentLink(params.publicUrl, params.assessmentId);
  const conditions = params.decision === 'APPROVED_WITH_CONDITIONS';
  if (locale === 'zh-CN') {
    return layout(
      `${params.vendorName}：评估结论为「${decision}」`,
      [
        `「${params.organizationName}」对${params.vendorName}的评估（问卷「${params.questionnaireName}」）已完成，结论：${decision}。`,
        ...(params.residualRating
          ? [`剩余风险等级：${severityWord(params.residualRating, locale)}。`]
          : []),
        ...(params.note ? [`${conditions ? '条件' : '说明'}：\n${params.note}`] : []),
        { lead: '查看评估：', href: link },
      ],
      locale,
    );
  }
  return layout(
    `${params.vendorName}: assessment ${decision}`,
    [
      `The assessment of ${params.vendorName} with the questionnaire "${params.questionnaireName}" at ${params.organizationName} is complete. Decision: ${decision}.`,
      ...(params.residualRating
        ? [`Residual risk: ${severityWord(params.residualRating, locale)}.`]
        : []),
      ...(params.note ? [`${conditions ? 'Conditions' : 'Note'}:\n${params.note}`] : []),
      { lead: 'See the assessment:', href: link },
    ],
    locale,
  );
}
