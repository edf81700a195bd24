import type { Locale } from './template.js';

/** Domain codes in words, per language; a code without words is shown as it is. */
type Words = Record<Locale, Record<string, string>>;

const SEVERITIES: Words = {
  en: { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' },
  'zh-CN': { LOW: '低', MEDIUM: '中', HIGH: '高', CRITICAL: '严重' },
};

const DECISIONS: Words = {
  en: {
    APPROVED: 'approved',
    APPROVED_WITH_CONDITIONS: 'approved with conditions',
    REJECTED: 'rejected',
  },
  'zh-CN': { APPROVED: '批准', APPROVED_WITH_CONDITIONS: '有条件批准', REJECTED: '拒绝' },
};

const AGREEMENT_TYPES: Words = {
  en: {
    DPA: 'data processing agreement (DPA)',
    NDA: 'non-disclosure agreement (NDA)',
    SCC_EU: 'EU standard contractual clauses (SCC)',
    UK_IDTA: 'UK international data transfer agreement (IDTA)',
    PIPL_ENTRUSTED_PROCESSING: 'PIPL entrusted processing agreement',
    PIPL_STANDARD_CONTRACT: 'PIPL standard contract for cross-border transfers',
    CCPA_SERVICE_PROVIDER: 'CCPA service provider agreement',
  },
  'zh-CN': {
    DPA: '数据处理协议（DPA）',
    NDA: '保密协议（NDA）',
    SCC_EU: '欧盟标准合同条款（SCC）',
    UK_IDTA: '英国国际数据传输协议（IDTA）',
    PIPL_ENTRUSTED_PROCESSING: '个人信息委托处理协议',
    PIPL_STANDARD_CONTRACT: '个人信息出境标准合同',
    CCPA_SERVICE_PROVIDER: 'CCPA 服务提供商协议',
  },
};

const word = (words: Words, code: string, locale: Locale) => words[locale][code] ?? code;

/** LOW … CRITICAL: a finding's severity or a residual rating. */
export const severityWord = (code: string, locale: Locale) => word(SEVERITIES, code, locale);
export const decisionWord = (code: string, locale: Locale) => word(DECISIONS, code, locale);
export const agreementTypeWord = (code: string, locale: Locale) =>
  word(AGREEMENT_TYPES, code, locale);
