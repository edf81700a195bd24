import {
  NOT_APPLICABLE,
  evaluateCondition,
  type AnswerState,
  type AnswerValue,
  type Condition,
  type QuestionDefinition,
  type TemplateDefinition,
} from '#questionnaire';
import {
  DataSubjectRegion,
  PersonalDataCategory,
  includesSensitiveData,
  type DataProfile,
} from '#vendor';
import type { SeededRandom } from './random.js';

export type DemoLanguage = 'en' | 'zh-CN';

/** How well a vendor's controls hold up: how often it gives the best answer. */
export type Posture = 'strong' | 'good' | 'weak';

/** What the answers are about: the vendor as the organization knows it. */
export interface AnsweringVendor {
  readonly name: string;
  /** Its mail domain, for contact details in text answers. */
  readonly domain: string;
  readonly profile: DataProfile;
  readonly subProcessors: ReadonlyArray<{ name: string; country: string; service?: string | null }>;
}

export interface AnswerPlan {
  readonly vendor: AnsweringVendor;
  readonly language: DemoLanguage;
  readonly posture: Posture;
  /**
   * Questions answered so that they fail: the answer a flag marks when the question has a flag,
   * else one that fails its knockout. A key ending in `!` asks for the knockout.
   */
  readonly gaps: readonly string[];
  /** The day the vendor answers, `YYYY-MM-DD`: dates in answers are relative to it. */
  readonly today: string;
}

/** One generated answer, in the shape the vendor saves it. */
export interface GeneratedAnswer {
  readonly questionKey: string;
  readonly value?: AnswerValue;
  readonly notApplicable?: boolean;
  readonly comment?: string;
  /** The title of the document attached as evidence, when one is. */
  readonly evidence?: DemoDocument;
}

/** A document a vendor uploads as evidence, titled in both languages. */
export interface DemoDocument {
  readonly key: string;
  readonly en: string;
  readonly zh: string;
}

const QUALITY: Record<Posture, number> = { strong: 0.96, good: 0.82, weak: 0.45 };
const OPTIONAL_EVIDENCE: Record<Posture, number> = { strong: 0.5, good: 0.25, weak: 0.05 };

const DAY_MS = 86_400_000;
const dayOffset = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const doc = (key: string, en: string, zh: string): DemoDocument => ({ key, en, zh });

const DOCUMENTS = {
  infosec: doc('infosec', 'Information Security Policy', '信息安全管理制度'),
  privacy: doc('privacy', 'Privacy Policy', '隐私政策'),
  audit: doc('audit', 'Independent Compliance Audit Report', '第三方合规审计报告'),
  dpa: doc('dpa', 'Data Processing Addendum (template)', '数据处理协议（模板）'),
  pia: doc('pia', 'Privacy Impact Assessment', '个人信息保护影响评估报告'),
  confidentiality: doc('confidentiality', 'Staff Confidentiality Undertaking', '员工保密承诺书'),
  training: doc('training', 'Security Awareness Training Records', '安全意识培训记录'),
  accessReview: doc('access-review', 'Quarterly Access Review Log', '季度权限审查记录'),
  retention: doc('retention', 'Data Retention Schedule', '数据保留期限表'),
  deletion: doc('deletion', 'Data Deletion Procedure', '数据删除流程'),
  subprocessors: doc('subprocessors', 'Sub-processor List', '次级处理者清单'),
  transfers: doc('transfers', 'Cross-border Transfer Assessment', '个人信息出境评估'),
  incident: doc('incident', 'Incident Response Plan', '安全事件应急预案'),
  pentest: doc('pentest', 'Penetration Test Executive Summary', '渗透测试报告摘要'),
  continuity: doc('continuity', 'Business Continuity Plan', '业务连续性计划'),
  iso27001: doc('iso27001', 'ISO 27001 Certificate', 'ISO 27001 认证证书'),
  iso27701: doc('iso27701', 'ISO 27701 Certificate', 'ISO 27701 认证证书'),
  soc2: doc('soc2', 'SOC 2 Type II Report', 'SOC 2 Type II 报告'),
  mlps: doc('mlps', 'MLPS Filing Certificate', '网络安全等级保护备案证明'),
  entrustment: doc('entrustment', 'Entrusted Processing Agreement', '个人信息委托处理协议'),
  rules: doc('rules', 'Personal Information Protection Rules', '个人信息保护管理制度'),
  measures: doc('measures', 'Security Measures Overview', '安全技术措施说明'),
  generic: doc('evidence', 'Supporting Evidence', '证明材料'),
} as const;

/** The document a question's evidence is. */
const EVIDENCE_OF: Readonly<Record<string, DemoDocument>> = {
  infosec_policy: DOCUMENTS.infosec,
  privacy_policy: DOCUMENTS.privacy,
  compliance_audit: DOCUMENTS.audit,
  dpa_signing: DOCUMENTS.dpa,
  sensitive_pi_pia: DOCUMENTS.pia,
  pipia_performed: DOCUMENTS.pia,
  staff_confidentiality: DOCUMENTS.confidentiality,
  security_training: DOCUMENTS.training,
  staff_training: DOCUMENTS.training,
  access_reviews: DOCUMENTS.accessReview,
  least_privilege_access: DOCUMENTS.accessReview,
  retention_schedule: DOCUMENTS.retention,
  deletion_at_end: DOCUMENTS.deletion,
  end_of_entrustment: DOCUMENTS.deletion,
  subprocessor_list: DOCUMENTS.subprocessors,
  sub_entrustee_list: DOCUMENTS.subprocessors,
  sub_entrustee_obligations: DOCUMENTS.subprocessors,
  china_transfer_mechanism: DOCUMENTS.transfers,
  eu_transfer_mechanism: DOCUMENTS.transfers,
  transfer_impact_assessment: DOCUMENTS.transfers,
  art38_mechanism: DOCUMENTS.transfers,
  recipient_protection_standard: DOCUMENTS.transfers,
  incident_plan: DOCUMENTS.incident,
  incident_drills: DOCUMENTS.incident,
  incident_response_plan: DOCUMENTS.incident,
  breach_notification_procedure: DOCUMENTS.incident,
  notification_commitment: DOCUMENTS.incident,
  incident_records: DOCUMENTS.incident,
  last_pentest_date: DOCUMENTS.pentest,
  backup_restore_tests: DOCUMENTS.continuity,
  backup_restore_test: DOCUMENTS.continuity,
  bcp_drp: DOCUMENTS.continuity,
  iso27001_expiry: DOCUMENTS.iso27001,
  iso27701_certified: DOCUMENTS.iso27701,
  soc2_report: DOCUMENTS.soc2,
  mlps_assessment_date: DOCUMENTS.mlps,
  written_entrustment_agreement: DOCUMENTS.entrustment,
  internal_management_rules: DOCUMENTS.rules,
  technical_measures: DOCUMENTS.measures,
};

/** Numbers a vendor would give, best first; each is checked against the question's rules. */
const GOOD_NUMBERS: Readonly<Record<string, readonly number[]>> = {
  deletion_days: [30, 60, 90],
  dsr_response_days: [15, 20, 30],
  breach_notify_hours: [24, 12, 24],
  rto_hours: [4, 8, 24, 48],
  notification_hours: [24, 12, 48],
  log_retention_months: [24, 13, 12],
  pipia_retention_years: [5, 3, 3],
};

/** Dates as days from the day of answering, most reassuring first. */
const DATE_OFFSETS: Readonly<Record<string, readonly number[]>> = {
  last_pentest_date: [-75, -160, -300],
  iso27001_expiry: [640, 420, 250],
  mlps_assessment_date: [-120, -280, -500],
  last_drill_date: [-60, -150, -330],
};

const COUNTRY_NAMES: Readonly<Record<string, { en: string; zh: string }>> = {
  AU: { en: 'Australia', zh: '澳大利亚' },
  CA: { en: 'Canada', zh: '加拿大' },
  CH: { en: 'Switzerland', zh: '瑞士' },
  CN: { en: 'mainland China', zh: '中国境内' },
  CZ: { en: 'Czechia', zh: '捷克' },
  DE: { en: 'Germany', zh: '德国' },
  ES: { en: 'Spain', zh: '西班牙' },
  FR: { en: 'France', zh: '法国' },
  GB: { en: 'the United Kingdom', zh: '英国' },
  HK: { en: 'Hong Kong SAR', zh: '中国香港' },
  IE: { en: 'Ireland', zh: '爱尔兰' },
  IL: { en: 'Israel', zh: '以色列' },
  IN: { en: 'India', zh: '印度' },
  IT: { en: 'Italy', zh: '意大利' },
  JP: { en: 'Japan', zh: '日本' },
  KR: { en: 'South Korea', zh: '韩国' },
  NL: { en: 'the Netherlands', zh: '荷兰' },
  NO: { en: 'Norway', zh: '挪威' },
  PH: { en: 'the Philippines', zh: '菲律宾' },
  PL: { en: 'Poland', zh: '波兰' },
  SE: { en: 'Sweden', zh: '瑞典' },
  SG: { en: 'Singapore', zh: '新加坡' },
  US: { en: 'the United States', zh: '美国' },
};

function countryName(code: string, language: DemoLanguage): string {
  const names = COUNTRY_NAMES[code];
  if (!names) return code;
  return language === 'zh-CN' ? names.zh : names.en;
}

function list(items: readonly string[], language: DemoLanguage): string {
  if (language === 'zh-CN') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Comments vendors add to their answers, by question, in both languages. */
const COMMENTS: Readonly<Record<string, { en: readonly string[]; zh: readonly string[] }>> = {
  infosec_policy: {
    en: [
      'Approved by the executive board; last reviewed in Q1.',
      'Policy set aligned with ISO/IEC 27002:2022, reviewed every January.',
    ],
    zh: [
      '该制度经管理层批准，每年一月复审。',
      '制度体系参照 ISO/IEC 27002:2022 建立，每年复审一次。',
    ],
  },
  encryption_at_rest: {
    en: ['AES-256 on all databases and backups, keys in a cloud KMS.'],
    zh: ['所有数据库及备份均采用 AES-256 加密，密钥由云 KMS 托管。'],
  },
  mfa_admin: {
    en: ['Hardware keys (FIDO2) are mandatory for every administrator.'],
    zh: ['所有管理员账号强制使用硬件密钥（FIDO2）登录。'],
  },
  pentest_frequency: {
    en: ['External test by an accredited firm, retested after fixes.'],
    zh: ['由具备资质的第三方机构测试，整改后复测。'],
  },
  iso27001_certified: {
    en: ['Certified since 2019; scope covers all production systems.'],
    zh: ['自 2019 年起通过认证，范围覆盖全部生产系统。'],
  },
  backups: {
    en: ['Daily encrypted backups kept in a second region for 35 days.'],
    zh: ['每日加密备份，异地保存 35 天。'],
  },
  incident_plan: {
    en: ['Tabletop exercise with the leadership team twice a year.'],
    zh: ['每年与管理层开展两次桌面演练。'],
  },
  data_minimization: {
    en: ['Only the fields listed in the DPA annex are collected.'],
    zh: ['仅收集协议附件所列字段。'],
  },
  dsr_process: {
    en: ['Requests are tracked in our ticketing system with a 15-day target.'],
    zh: ['个人权利请求通过工单系统跟踪，目标 15 天内处理完毕。'],
  },
  mlps_level: {
    en: ['Level 3 filing with the local public security bureau.'],
    zh: ['已在当地公安机关完成三级备案。'],
  },
  written_entrustment_agreement: {
    en: ['Signed together with the master services agreement.'],
    zh: ['已与主服务协议一并签署。'],
  },
  technical_measures: {
    en: ['Field-level encryption for identity numbers and phone numbers.'],
    zh: ['身份证号和手机号采用字段级加密。'],
  },
  incident_response_plan: {
    en: ['On-call security team around the clock.'],
    zh: ['安全团队 7×24 小时值班。'],
  },
};

/** Comments on an answer that is a gap: the vendor explains. */
const GAP_COMMENTS = {
  en: [
    'This is on our roadmap for the next two quarters.',
    'We are reviewing this with our auditors and will share a plan.',
    'Not in place today; a project has been approved.',
  ],
  zh: [
    '该项已列入未来两个季度的工作计划。',
    '我们正在与审计机构评估，稍后提供整改计划。',
    '目前尚未落实，相关项目已立项。',
  ],
};

function textAnswer(question: QuestionDefinition, plan: AnswerPlan, random: SeededRandom): string {
  const zh = plan.language === 'zh-CN';
  const { vendor } = plan;
  const countries = [
    ...new Set(
      [vendor.profile.dataCountries, ...vendor.subProcessors.map((s) => s.country)].flat(),
    ),
  ];
  switch (question.key) {
    case 'subprocessor_list': {
      const entries = vendor.subProcessors.length
        ? vendor.subProcessors
        : [
            {
              name: zh ? '云服务提供商' : 'Cloud hosting provider',
              country: countries[0] ?? 'US',
              service: null,
            },
          ];
      return entries
        .map((entry) =>
          zh
            ? `${entry.name}（${countryName(entry.country, plan.language)}）${entry.service ? `：${entry.service}` : ''}`
            : `${entry.name} (${countryName(entry.country, plan.language)})${entry.service ? `: ${entry.service}` : ''}`,
        )
        .join(zh ? '；' : '; ');
    }
    case 'transfer_destinations':
    case 'overseas_recipients': {
      const names = countries.map((code) => countryName(code, plan.language));
      return zh
        ? `数据存储于${names[0] ?? '境内'}，${names.length > 1 ? `${list(names.slice(1), plan.language)}的技术支持团队可远程访问。` : '不向其他国家或地区传输。'}`
        : `Data is stored in ${names[0] ?? 'one region'}${names.length > 1 ? `; support staff in ${list(names.slice(1), plan.language)} have remote access` : ' and not transferred elsewhere'}.`;
    }
    case 'recent_breaches_details':
      return zh
        ? random.pick([
            '2023 年 3 月，一个配置错误的存储桶导致约 1,200 条客服工单暴露约 6 小时；已在 48 小时内通知受影响客户，并增加了访问日志监控。',
            '2024 年初发生一起钓鱼邮件导致的员工账号被盗事件，未涉及客户数据；已全员启用硬件密钥。',
          ])
        : random.pick([
            'In March 2023 a misconfigured storage bucket exposed about 1,200 support tickets for six hours. Affected customers were told within 48 hours; bucket policies are now scanned daily.',
            'Early 2024 a phishing e-mail led to one compromised staff mailbox; no customer data was involved. Hardware security keys are now mandatory for all staff.',
          ]);
    case 'incident_contact_details':
      return zh
        ? `安全事件响应：security@${vendor.domain}，电话 +86 21 5555 0100（7×24 小时）`
        : `security@${vendor.domain}, +44 20 7946 0321 (24/7 on-call)`;
    default:
      return zh ? '详见附件中的相关制度文件。' : 'Described in the attached policy documents.';
  }
}

/** The answer that the question's flag (or knockout) condition catches, if one can be found. */
function failingValue(
  question: QuestionDefinition,
  preferKnockout: boolean,
  answerOf: (value: AnswerValue) => (key: string) => AnswerState,
): AnswerValue | undefined {
  const rules = [question.flag?.when, question.knockout?.failWhen].filter(
    (rule): rule is Condition => rule !== undefined,
  );
  if (preferKnockout) rules.reverse();
  for (const rule of rules) {
    const found = candidates(question, rule).find((value) =>
      evaluateCondition(rule, answerOf(value)),
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Values worth trying for a question, including ones just past the thresholds of `rule`. */
function candidates(question: QuestionDefinition, rule: Condition | undefined): AnswerValue[] {
  const options = [...(question.options ?? [])].sort((a, b) => (a.points ?? 0) - (b.points ?? 0));
  switch (question.type) {
    case 'BOOLEAN':
      return [false, true];
    case 'SINGLE_CHOICE':
      return options.map((option) => option.key);
    case 'MULTI_CHOICE':
      return options.map((option) => [option.key]);
    case 'NUMBER': {
      const min = question.min ?? 0;
      const max = question.max ?? 10_000;
      const thresholds = rule ? thresholdsOf(rule, question.key) : [];
      return [
        ...thresholds.flatMap((value) => [value * 2, value + 24, value + 1, value - 3, value - 1]),
        min,
        max,
      ]
        .map((value) => Math.round(value))
        .filter((value) => value >= min && value <= max);
    }
    default:
      return [];
  }
}

function thresholdsOf(condition: Condition, key: string): number[] {
  if ('all' in condition) return condition.all.flatMap((inner) => thresholdsOf(inner, key));
  if ('any' in condition) return condition.any.flatMap((inner) => thresholdsOf(inner, key));
  if ('not' in condition) return thresholdsOf(condition.not, key);
  for (const operator of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (operator in condition) {
      const comparison = (condition as Record<string, { question: string; value: unknown }>)[
        operator
      ]!;
      return comparison.question === key && typeof comparison.value === 'number'
        ? [comparison.value]
        : [];
    }
  }
  return [];
}

/**
 * Answers to every question a respondent sees, in document order, as the vendor described by
 * `plan` would give them: scoping answers from its data profile, the best answer most of the
 * time for a strong vendor and less often for a weak one, the gaps it is meant to have, text in
 * the contact's language, and the evidence documents the questionnaire asks for. Only the
 * gaps fail a knockout or raise a flag.
 */
export function generateAnswers(
  definition: TemplateDefinition,
  plan: AnswerPlan,
  random: SeededRandom,
): GeneratedAnswer[] {
  const states: Record<string, AnswerState> = Object.create(null) as Record<string, AnswerState>;
  const visible = new Set<string>();
  const lookup = (key: string): AnswerState => (visible.has(key) ? states[key] : undefined);
  const quality = QUALITY[plan.posture];
  const gaps = new Map(plan.gaps.map((gap) => [gap.replace(/!$/, ''), gap.endsWith('!')] as const));
  const wishes = visibilityWishes(definition, [...gaps.keys()]);
  const answers: GeneratedAnswer[] = [];

  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (question.visibleWhen && !evaluateCondition(question.visibleWhen, lookup)) continue;
      visible.add(question.key);
      const answerOf = (value: AnswerValue) => (key: string) =>
        key === question.key ? value : lookup(key);
      /** Whether `value` would fail a knockout or raise a flag. */
      const isGap = (value: AnswerValue) =>
        [question.knockout?.failWhen, question.flag?.when].some(
          (rule) => rule !== undefined && evaluateCondition(rule, answerOf(value)),
        );
      const gap = gaps.has(question.key);
      let value: AnswerValue | undefined;
      let notApplicable = false;

      const scoped = scopingAnswer(question, plan);
      if (scoped !== undefined) {
        value = scoped;
      } else if (wishes.has(question.key)) {
        // An answer a gap's question needs in order to be shown at all.
        value = wishes.get(question.key);
      } else if (gap) {
        // A gap without a rule to fail is answered as badly as the question allows.
        value =
          failingValue(question, gaps.get(question.key)!, answerOf) ??
          ordinaryAnswer(question, plan, random, 0, () => false);
      } else if (!question.required && random.chance(plan.posture === 'weak' ? 0.5 : 0.25)) {
        continue;
      } else if (question.allowNotApplicable && random.chance(0.12)) {
        notApplicable = true;
      } else {
        value = ordinaryAnswer(question, plan, random, quality, isGap);
      }
      if (!notApplicable && value === undefined) continue;

      states[question.key] = notApplicable ? NOT_APPLICABLE : value;
      const language = plan.language === 'zh-CN' ? 'zh' : 'en';
      let comment: string | undefined;
      if (gap && random.chance(0.6)) comment = random.pick(GAP_COMMENTS[language]);
      else if (
        !gap &&
        !notApplicable &&
        COMMENTS[question.key] &&
        isBestAnswer(question, value!) &&
        random.chance(plan.posture === 'weak' ? 0.15 : 0.4)
      )
        comment = random.pick(COMMENTS[question.key]![language]);
      const evidenceWanted =
        !notApplicable &&
        (question.evidence === 'REQUIRED' ||
          (question.evidence === 'OPTIONAL' && random.chance(OPTIONAL_EVIDENCE[plan.posture])));
      answers.push({
        questionKey: question.key,
        ...(notApplicable ? { notApplicable: true } : { value: value! }),
        ...(comment ? { comment } : {}),
        ...(evidenceWanted ? { evidence: EVIDENCE_OF[question.key] ?? DOCUMENTS.generic } : {}),
      });
    }
  }
  return answers;
}

/**
 * The answers the gaps' questions need to be visible: the `equals` (and single `in`) leaves of
 * their conditions, directly or under `all`.
 */
function visibilityWishes(
  definition: TemplateDefinition,
  gapKeys: readonly string[],
): Map<string, AnswerValue> {
  const wishes = new Map<string, AnswerValue>();
  const collect = (condition: Condition) => {
    if ('all' in condition) condition.all.forEach(collect);
    else if ('equals' in condition) wishes.set(condition.equals.question, condition.equals.value);
    else if ('in' in condition && condition.in.values.length > 0) {
      const target = definition.sections
        .flatMap((section) => section.questions)
        .find((question) => question.key === condition.in.question);
      const first = condition.in.values[0]!;
      wishes.set(condition.in.question, target?.type === 'MULTI_CHOICE' ? [first] : first);
    }
  };
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (gapKeys.includes(question.key) && question.visibleWhen) collect(question.visibleWhen);
    }
  }
  return wishes;
}

/** Whether `value` earns the most points the question gives (the comments praise those). */
function isBestAnswer(question: QuestionDefinition, value: AnswerValue): boolean {
  if (question.type === 'BOOLEAN') {
    const points = question.points ?? { yes: 1, no: 0 };
    return value === points.yes >= points.no;
  }
  if (question.type === 'SINGLE_CHOICE') {
    const top = Math.max(...(question.options ?? []).map((option) => option.points ?? 0));
    return question.options?.find((option) => option.key === value)?.points === top;
  }
  return true;
}

/** The answers that describe the vendor's processing rather than its controls. */
function scopingAnswer(question: QuestionDefinition, plan: AnswerPlan): AnswerValue | undefined {
  const { profile, subProcessors } = plan.vendor;
  const regions = new Set(profile.dataSubjectRegions);
  const countries = new Set([...profile.dataCountries, ...subProcessors.map((s) => s.country)]);
  const has = (key: string) => question.options?.some((option) => option.key === key) ?? false;
  switch (question.key) {
    case 'data_jurisdictions': {
      const keys = [
        regions.has(DataSubjectRegion.China) ? 'mainland_china' : null,
        regions.has(DataSubjectRegion.EuEea) || regions.has(DataSubjectRegion.UnitedKingdom)
          ? 'eu_eea'
          : null,
        regions.has(DataSubjectRegion.California) ? 'california' : null,
        regions.has(DataSubjectRegion.Other) || regions.has(DataSubjectRegion.OtherUs)
          ? 'other'
          : null,
      ].filter((key): key is string => key !== null && has(key));
      return keys.length ? keys : ['other'];
    }
    case 'processes_sensitive_pi':
      return includesSensitiveData(profile);
    case 'cross_border_processing':
      return countries.size > 1 || (regions.has(DataSubjectRegion.China) && !countries.has('CN'));
    case 'uses_subprocessors':
      return subProcessors.length > 0;
    case 'pi_leaves_china':
      return [...countries].some((country) => country !== 'CN');
    case 'sensitive_pi_categories': {
      const mapping: Partial<Record<PersonalDataCategory, string>> = {
        [PersonalDataCategory.Biometric]: 'biometrics',
        [PersonalDataCategory.Health]: 'medical_health',
        [PersonalDataCategory.Financial]: 'financial_accounts',
        [PersonalDataCategory.PreciseLocation]: 'location_tracking',
        [PersonalDataCategory.Children]: 'minors_under_14',
        [PersonalDataCategory.GovernmentId]: 'government_identifiers',
      };
      const keys = profile.categories
        .map((category) => mapping[category])
        .filter((key): key is string => key !== undefined && has(key));
      return keys.length ? keys : ['specific_identity'];
    }
    default:
      return undefined;
  }
}

/** An answer that passes every knockout and flag, as good as the posture makes it. */
function ordinaryAnswer(
  question: QuestionDefinition,
  plan: AnswerPlan,
  random: SeededRandom,
  quality: number,
  isGap: (value: AnswerValue) => boolean,
): AnswerValue | undefined {
  const best = random.chance(quality);
  switch (question.type) {
    case 'BOOLEAN': {
      const points = question.points ?? { yes: 1, no: 0 };
      const ranked = (points.yes >= points.no ? [true, false] : [false, true]).filter(
        (value) => !isGap(value),
      );
      return best ? ranked[0] : (ranked[1] ?? ranked[0]);
    }
    case 'SINGLE_CHOICE': {
      const ranked = [...(question.options ?? [])]
        .filter((option) => !isGap(option.key))
        .sort((a, b) => (b.points ?? 0) - (a.points ?? 0));
      if (ranked.length === 0) return undefined;
      if (best) return ranked[0]!.key;
      // Second best most of the time, anything else now and then.
      return (
        ranked.length > 2 && random.chance(0.3)
          ? random.pick(ranked.slice(1))
          : (ranked[1] ?? ranked[0])
      )!.key;
    }
    case 'MULTI_CHOICE': {
      const usable = (question.options ?? []).filter(
        (option) => option.key !== 'none' && !isGap([option.key]),
      );
      const share = plan.posture === 'strong' ? 1 : plan.posture === 'good' ? 0.8 : 0.5;
      const chosen = usable.filter(() => random.chance(share)).map((option) => option.key);
      return chosen.length ? chosen : usable.slice(0, 1).map((option) => option.key);
    }
    case 'NUMBER': {
      const min = question.min ?? 0;
      const max = question.max ?? 10_000;
      const known = GOOD_NUMBERS[question.key] ?? [Math.round(min + (max - min) * 0.05)];
      const usable = known.filter((value) => value >= min && value <= max && !isGap(value));
      if (usable.length === 0) return undefined;
      return best ? usable[0] : random.pick(usable);
    }
    case 'DATE': {
      const offsets = DATE_OFFSETS[question.key] ?? [-45, -120, -240];
      return dayOffset(plan.today, best ? offsets[0]! : random.pick(offsets));
    }
    case 'TEXT':
      return textAnswer(question, plan, random);
  }
}
