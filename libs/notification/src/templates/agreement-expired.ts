import { agreementLink } from './links.js';
import { formatDay, layout, type Locale, type RenderedEmail } from './template.js';
import { agreementTypeWord } from './vocabulary.js';

/** To the organization's members who follow the vendor: a signed agreement has expired. */
export interface AgreementExpiredParams {
  readonly organizationName: string;
  readonly vendorName: string;
  /** DPA, NDA, SCC_EU … */
  readonly agreementType: string;
  readonly agreementTitle: string;
  /** `YYYY-MM-DD`: the last day it was in force. */
  readonly expiryDate: string;
  readonly publicUrl: string;
  readonly agreementId: string;
}

export function agreementExpired(params: AgreementExpiredParams, locale: Locale): RenderedEmail {
  const type = agreementTypeWord(params.agreementType, locale);
  const expired = formatDay(params.expiryDate, locale);
  const link = agreementLink(params.publicUrl, params.agreementId);
  if (locale === 'zh-CN') {
    return layout(
      `与${params.vendorName}的${type}已过期`,
      [
        `「${params.organizationName}」与${params.vendorName}签订的${type}「${params.agreementTitle}」有效期至 ${expired}，现已过期。`,
        '在签署新协议之前，该供应商缺少这项保障；处理个人信息的供应商在此期间无法获得批准。',
        { lead: '查看协议：', href: link },
      ],
      locale,
    );
  }
  return layout(
    `The agreement "${params.agreementTitle}" with ${params.vendorName} has expired`,
    [
      `The agreement "${params.agreementTitle}" (${type}) between ${params.organizationName} and ${params.vendorName} was in force until ${expired} and has expired.`,
      'Until a new one is signed the vendor lacks that coverage, and a vendor that handles personal information cannot be approved.',
      { lead: 'See the agreement:', href: link },
    ],
    locale,
  );
}
