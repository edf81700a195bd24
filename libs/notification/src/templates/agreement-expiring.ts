import { agreementLink } from './links.js';
import { days, formatDay, layout, type Locale, type RenderedEmail } from './template.js';
import { agreementTypeWord } from './vocabulary.js';

/** To the organization's members who follow the vendor: a signed agreement expires soon. */
export interface AgreementExpiringParams {
  readonly organizationName: string;
  readonly vendorName: string;
  /** DPA, NDA, SCC_EU … */
  readonly agreementType: string;
  readonly agreementTitle: string;
  /** `YYYY-MM-DD`. */
  readonly expiryDate: string;
  /** Whole days until it expires; 0 on the day itself. */
  readonly daysLeft: number;
  readonly publicUrl: string;
  readonly agreementId: string;
}

export function agreementExpiring(params: AgreementExpiringParams, locale: Locale): RenderedEmail {
  const type = agreementTypeWord(params.agreementType, locale);
  const expires = formatDay(params.expiryDate, locale);
  const link = agreementLink(params.publicUrl, params.agreementId);
  const today = params.daysLeft <= 0;
  if (locale === 'zh-CN') {
    return layout(
      today
        ? `与${params.vendorName}的${type}今天到期`
        : `与${params.vendorName}的${type}将在 ${days(params.daysLeft, locale)}后到期`,
      [
        `「${params.organizationName}」与${params.vendorName}签订的${type}「${params.agreementTitle}」将于 ${expires} 到期（${today ? '今天' : `还剩 ${days(params.daysLeft, locale)}`}）。`,
        '请及时续签：处理个人信息的供应商须有已签署且未过期的数据保护协议，才能获得批准。',
        { lead: '查看协议：', href: link },
      ],
      locale,
    );
  }
  const when = today ? 'today' : `in ${days(params.daysLeft, locale)}`;
  return layout(
    `The agreement "${params.agreementTitle}" with ${params.vendorName} expires ${when}`,
    [
      `The agreement "${params.agreementTitle}" (${type}) between ${params.organizationName} and ${params.vendorName} expires on ${expires} (${when}).`,
      'Renew it in time: a vendor that handles personal information can be approved only with a signed, unexpired data-protection agreement.',
      { lead: 'See the agreement:', href: link },
    ],
    locale,
  );
}
