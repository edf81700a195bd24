import {
  AccessLevel,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  VolumeBand,
  type DataProfile,
  type RiskTier,
} from '#vendor';
import type { DemoLanguage } from './demo-answers.js';

/**
 * What happens to a vendor in the demo, from its first contact to today. Between them the
 * stories put assessments in every status, agreements in every status and findings in every
 * status (see DemoSeeder).
 */
export type DemoStory =
  /** Active, never assessed (nothing or little personal information). */
  | 'none'
  /** A prospect whose agreement is a draft. */
  | 'prospect-draft'
  /** A prospect whose agreement has been sent for signature. */
  | 'prospect-sent'
  | 'sent'
  /** Sent, never opened, past its due date. */
  | 'sent-overdue'
  | 'in-progress'
  /** Partly answered, past its due date. */
  | 'in-progress-overdue'
  | 'submitted'
  | 'in-review'
  /** In review, the reviewer has overridden the computed score. */
  | 'in-review-override'
  | 'changes-requested'
  /** Approved once. */
  | 'approved'
  /** Approved over two or three cycles, the findings of the earlier ones resolved. */
  | 'approved-history'
  /** Approved twice; its first DPA superseded by a renewed one. */
  | 'approved-renewal'
  /** Approved despite a missing DPA clause, with an expiring coverage exception. */
  | 'approved-exception'
  /** Approved with conditions; its findings are being remediated. */
  | 'conditions'
  /** A prospect rejected after its assessment. */
  | 'rejected'
  /** Approved; its reassessment falls due tomorrow. */
  | 'due-tomorrow'
  /** Its first assessment sent to the wrong contact and cancelled, then approved. */
  | 'cancelled'
  /** Rejected at its reassessment, its agreement terminated, offboarded. */
  | 'offboarded'
  /** Offboarded with an assessment still open, which was cancelled. */
  | 'offboarded-cancelled'
  /** Its DPA expired, which triggered a reassessment now in progress; a renewal is out. */
  | 'expired-agreement';

export interface DemoContact {
  readonly name: string;
  /** The part before the @; the domain is the vendor's. */
  readonly mailbox: string;
  readonly role: string;
  readonly language: DemoLanguage;
}

export interface DemoSubProcessor {
  readonly name: string;
  readonly country: string;
  readonly service: string;
  readonly dataCategories: readonly PersonalDataCategory[];
}

export interface DemoVendor {
  /** Stable and unique: the mail domain is `<key>.example`. */
  readonly key: string;
  readonly name: string;
  /** The name in Latin letters, for the documents generated for it. */
  readonly latinName: string;
  readonly legalName: string;
  readonly country: string;
  readonly services: string;
  readonly tags: readonly string[];
  readonly profile: DataProfile;
  readonly subProcessors: readonly DemoSubProcessor[];
  /** The first one is the primary contact. */
  readonly contacts: readonly DemoContact[];
  readonly story: DemoStory;
  /** A reviewer's tier over the computed one, set before the first assessment. */
  readonly tierOverride?: { readonly tier: RiskTier; readonly justification: string };
}

const C = PersonalDataCategory;
const R = DataSubjectRegion;

/** A data profile; the processing role is PROCESSOR unless given. */
function profile(
  categories: readonly PersonalDataCategory[],
  volume: VolumeBand,
  accessLevel: AccessLevel,
  dataCountries: readonly string[],
  dataSubjectRegions: readonly DataSubjectRegion[],
  processingRole: ProcessingRole = ProcessingRole.Processor,
): DataProfile {
  return {
    categories,
    otherSensitiveData: false,
    volume,
    accessLevel,
    processingRole,
    dataCountries,
    dataSubjectRegions,
  };
}

const NOTHING = profile([], VolumeBand.None, AccessLevel.None, [], []);

const en = (name: string, mailbox: string, role: string): DemoContact => ({
  name,
  mailbox,
  role,
  language: 'en',
});
const zh = (name: string, mailbox: string, role: string): DemoContact => ({
  name,
  mailbox,
  role,
  language: 'zh-CN',
});

const sub = (
  name: string,
  country: string,
  service: string,
  dataCategories: readonly PersonalDataCategory[] = [C.Contact, C.Identifiers],
): DemoSubProcessor => ({ name, country, service, dataCategories });

type VendorInput = Omit<DemoVendor, 'subProcessors' | 'latinName'> & {
  readonly subProcessors?: readonly DemoSubProcessor[];
  readonly latinName?: string;
};

const vendor = (input: VendorInput): DemoVendor => ({
  subProcessors: [],
  latinName: input.name,
  ...input,
});

/**
 * The demo organization's sixty vendors: invented companies (any likeness is accidental) in
 * the countries a retailer with European, British, Chinese and American customers works with.
 * The hosting providers named as sub-processors are real ones, as in real sub-processor lists.
 */
export const DEMO_VENDORS: readonly DemoVendor[] = [
  // Tier 1: the most critical.
  vendor({
    key: 'northwind-payroll',
    name: 'Northwind Payroll',
    legalName: 'Northwind Payroll Services GmbH',
    country: 'DE',
    services: 'Payroll, payslips and statutory reporting for staff in Germany and Poland',
    tags: ['hr', 'payroll', 'critical'],
    profile: profile(
      [C.Employee, C.GovernmentId, C.Financial, C.Contact],
      VolumeBand.From10kTo100k,
      AccessLevel.Write,
      ['DE', 'PL'],
      [R.EuEea],
    ),
    subProcessors: [
      sub('Hetzner Online GmbH', 'DE', 'Hosting', [C.Employee, C.Financial, C.GovernmentId]),
      sub('Baltic Print & Mail sp. z o.o.', 'PL', 'Printing and posting payslips', [C.Employee]),
    ],
    contacts: [
      en('Katrin Vogel', 'katrin.vogel', 'Data Protection Officer'),
      en('Jonas Becker', 'jonas.becker', 'Account Manager'),
    ],
    story: 'approved-history',
  }),
  vendor({
    key: 'paytong',
    name: '支付通',
    latinName: 'PayTong',
    legalName: '深圳支付通科技有限公司',
    country: 'CN',
    services: 'Online payments (WeChat Pay and Alipay acquiring) for the China web shop',
    tags: ['payments', 'china', 'critical'],
    profile: profile(
      [C.Financial, C.Contact, C.Identifiers],
      VolumeBand.Over1m,
      AccessLevel.Read,
      ['CN', 'HK'],
      [R.China],
    ),
    subProcessors: [sub('阿里云计算有限公司', 'CN', '云托管', [C.Financial, C.Identifiers])],
    contacts: [zh('李娜', 'li.na', '数据保护负责人'), zh('王强', 'wang.qiang', '客户经理')],
    story: 'due-tomorrow',
  }),
  vendor({
    key: 'helix-health',
    name: 'Helix Health Benefits',
    legalName: 'Helix Health Benefits, Inc.',
    country: 'US',
    services: 'Health insurance administration for US and Irish employees',
    tags: ['hr', 'benefits', 'health'],
    profile: profile(
      [C.Health, C.Employee, C.GovernmentId],
      VolumeBand.From10kTo100k,
      AccessLevel.Read,
      ['US', 'IE'],
      [R.California, R.OtherUs, R.EuEea],
    ),
    contacts: [
      en('Sarah Collins', 'sarah.collins', 'Chief Privacy Officer'),
      en('Michael Reyes', 'michael.reyes', 'Client Services Director'),
    ],
    story: 'in-review-override',
  }),
  vendor({
    key: 'stratus-cloud',
    name: 'Stratus Cloud',
    legalName: 'Stratus Cloud Services LLC',
    country: 'US',
    services: 'Managed hosting of the e-commerce platform and customer database',
    tags: ['hosting', 'infrastructure', 'critical'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Credentials, C.Other],
      VolumeBand.Over1m,
      AccessLevel.Admin,
      ['US', 'DE', 'SG'],
      [R.EuEea, R.UnitedKingdom, R.California, R.Other],
    ),
    subProcessors: [
      sub('Amazon Web Services EMEA SARL', 'DE', 'Infrastructure (Frankfurt region)'),
      sub('Amazon Web Services, Inc.', 'US', 'Infrastructure (Oregon region)'),
      sub('Amazon Web Services Singapore Pte. Ltd.', 'SG', 'Infrastructure (Singapore region)'),
    ],
    contacts: [
      en('Emily Chen', 'emily.chen', 'Trust & Compliance Lead'),
      en('David Park', 'david.park', 'Technical Account Manager'),
    ],
    story: 'approved-renewal',
  }),
  vendor({
    key: 'yunshan-data',
    name: '云杉数据',
    latinName: 'Yunshan Data',
    legalName: '杭州云杉数据科技有限公司',
    country: 'CN',
    services: 'Customer data platform and member analytics for the China loyalty programme',
    tags: ['marketing', 'analytics', 'china'],
    profile: profile(
      [C.Contact, C.Identifiers, C.PreciseLocation, C.Financial],
      VolumeBand.Over1m,
      AccessLevel.Write,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('陈静', 'chen.jing', '合规经理'), zh('刘洋', 'liu.yang', '技术负责人')],
    story: 'changes-requested',
  }),
  vendor({
    key: 'kestrel-contact',
    name: 'Kestrel Contact Centres',
    legalName: 'Kestrel Contact Centres Pvt. Ltd.',
    country: 'IN',
    services: 'Customer service by phone, chat and e-mail for the UK and EU shops',
    tags: ['customer-service', 'outsourcing'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Financial],
      VolumeBand.From100kTo1m,
      AccessLevel.Write,
      ['IN', 'GB'],
      [R.UnitedKingdom, R.EuEea],
    ),
    subProcessors: [sub('Microsoft Ireland Operations Ltd', 'IE', 'Contact centre software')],
    contacts: [
      en('Arjun Mehta', 'arjun.mehta', 'Head of Information Security'),
      en('Kavya Iyer', 'kavya.iyer', 'Client Partner'),
    ],
    story: 'conditions',
  }),
  vendor({
    key: 'sakura-biometrics',
    name: 'Sakura Biometrics',
    legalName: 'Sakura Biometrics K.K.',
    country: 'JP',
    services: 'Fingerprint time clocks and door access for stores and warehouses (proposed)',
    tags: ['facilities', 'biometrics'],
    profile: profile(
      [C.Biometric, C.Employee],
      VolumeBand.From10kTo100k,
      AccessLevel.Write,
      ['JP', 'SG'],
      [R.EuEea, R.Other],
    ),
    subProcessors: [sub('Sakura Biometrics Asia Pte. Ltd.', 'SG', 'Support', [C.Employee])],
    contacts: [
      en('Yuki Tanaka', 'yuki.tanaka', 'Compliance Manager'),
      en('Haruto Sato', 'haruto.sato', 'Sales Engineer'),
    ],
    story: 'rejected',
  }),
  vendor({
    key: 'atlas-screening',
    name: 'Atlas Background Screening',
    legalName: 'Atlas Screening Ltd',
    country: 'GB',
    services: 'Pre-employment identity, right-to-work and credit checks',
    tags: ['hr', 'screening'],
    profile: profile(
      [C.GovernmentId, C.Employee, C.Contact, C.Financial],
      VolumeBand.From10kTo100k,
      AccessLevel.Read,
      ['GB', 'IN'],
      [R.UnitedKingdom, R.EuEea],
    ),
    contacts: [
      en('Olivia Hughes', 'olivia.hughes', 'Data Protection Officer'),
      en('James Whitfield', 'james.whitfield', 'Account Director'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'meridian-pay',
    name: 'Meridian Pay',
    legalName: 'Meridian Pay Pte. Ltd.',
    country: 'SG',
    services: 'Card acquiring and fraud screening for the Hong Kong and Singapore shops',
    tags: ['payments', 'apac'],
    profile: profile(
      [C.Financial, C.Contact, C.Identifiers],
      VolumeBand.Over1m,
      AccessLevel.Read,
      ['SG', 'HK', 'CN'],
      [R.China, R.Other],
    ),
    subProcessors: [
      sub('Google Asia Pacific Pte. Ltd.', 'SG', 'Cloud hosting'),
      sub('Meridian Pay (HK) Limited', 'HK', 'Settlement and disputes', [C.Financial]),
    ],
    contacts: [
      en('Tan Wei Ming', 'weiming.tan', 'Risk & Compliance Director'),
      zh('林美玲', 'lin.meiling', '客户关系经理'),
    ],
    story: 'in-progress-overdue',
  }),
  vendor({
    key: 'vaultline',
    name: 'Vaultline Identity',
    legalName: 'Vaultline, Inc.',
    country: 'US',
    services: 'Single sign-on and multi-factor authentication for all staff',
    tags: ['identity', 'security', 'critical'],
    profile: profile(
      [C.Credentials, C.Contact, C.Identifiers, C.Employee],
      VolumeBand.From10kTo100k,
      AccessLevel.Admin,
      ['US', 'IE'],
      [R.EuEea, R.UnitedKingdom, R.California, R.China],
    ),
    subProcessors: [
      sub('Amazon Web Services EMEA SARL', 'IE', 'Infrastructure (Dublin region)'),
      sub('Twilio Inc.', 'US', 'SMS one-time codes', [C.Contact]),
    ],
    contacts: [
      en('Rachel Kim', 'rachel.kim', 'Security Compliance Manager'),
      en('Tom Alvarez', 'tom.alvarez', 'Customer Success Manager'),
    ],
    story: 'approved-history',
  }),
  vendor({
    key: 'parcelo',
    name: 'Parcelo',
    legalName: 'Parcelo SAS',
    country: 'FR',
    services: 'Home delivery and parcel lockers in France and Spain',
    tags: ['logistics', 'delivery'],
    profile: profile(
      [C.Contact, C.PreciseLocation, C.Identifiers],
      VolumeBand.Over1m,
      AccessLevel.Read,
      ['FR', 'ES'],
      [R.EuEea],
    ),
    contacts: [
      en('Camille Martin', 'camille.martin', 'Déléguée à la protection des données'),
      en('Julien Lefèvre', 'julien.lefevre', 'Key Account Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'zhihui-cloud',
    name: '智汇云',
    latinName: 'Zhihui Cloud',
    legalName: '北京智汇云计算有限公司',
    country: 'CN',
    services: 'Hosting of the China web shop and mini-program back end',
    tags: ['hosting', 'infrastructure', 'china', 'critical'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Credentials, C.Other],
      VolumeBand.Over1m,
      AccessLevel.Admin,
      ['CN'],
      [R.China],
    ),
    subProcessors: [sub('网宿科技股份有限公司', 'CN', '内容分发网络')],
    contacts: [zh('张敏', 'zhang.min', '安全合规总监'), zh('赵磊', 'zhao.lei', '解决方案架构师')],
    story: 'approved-history',
  }),

  // Tier 2.
  vendor({
    key: 'yilian-health',
    name: '医联健康',
    latinName: 'Yilian Health',
    legalName: '上海医联健康管理有限公司',
    country: 'CN',
    services: 'Annual health check-ups for employees in China',
    tags: ['hr', 'health', 'china'],
    profile: profile(
      [C.Health, C.GovernmentId, C.Contact],
      VolumeBand.From10kTo100k,
      AccessLevel.None,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('周婷', 'zhou.ting', '客户成功经理'), zh('吴刚', 'wu.gang', '信息安全主管')],
    story: 'submitted',
  }),
  vendor({
    key: 'brightpath-crm',
    name: 'Brightpath CRM',
    legalName: 'Brightpath Software Inc.',
    country: 'US',
    services: 'CRM for the B2B wholesale team',
    tags: ['crm', 'sales'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.Write,
      ['US', 'IE'],
      [R.California, R.EuEea, R.UnitedKingdom],
    ),
    subProcessors: [
      sub('Microsoft Ireland Operations Ltd', 'IE', 'Cloud hosting (EU)'),
      sub('SendGrid (Twilio Inc.)', 'US', 'Transactional e-mail', [C.Contact]),
    ],
    contacts: [
      en('Jessica Turner', 'jessica.turner', 'Privacy Counsel'),
      en("Brian O'Neill", 'brian.oneill', 'Account Executive'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'orbit-analytics',
    name: 'Orbit Analytics',
    legalName: 'Orbit Analytics B.V.',
    country: 'NL',
    services: 'Web and app analytics with store-visit attribution',
    tags: ['analytics', 'marketing'],
    profile: profile(
      [C.Identifiers, C.PreciseLocation],
      VolumeBand.Over1m,
      AccessLevel.Read,
      ['NL'],
      [R.EuEea],
    ),
    contacts: [
      en('Sanne de Vries', 'sanne.devries', 'Data Protection Officer'),
      en('Pieter Jansen', 'pieter.jansen', 'Customer Success Lead'),
    ],
    story: 'approved-exception',
  }),
  vendor({
    key: 'quillmail',
    name: 'Quillmail',
    legalName: 'Quillmail Ltd',
    country: 'IE',
    services: 'Newsletter and marketing e-mail',
    tags: ['marketing', 'email'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.Over1m,
      AccessLevel.None,
      ['IE', 'US'],
      [R.EuEea, R.UnitedKingdom, R.California],
    ),
    subProcessors: [sub('Amazon Web Services EMEA SARL', 'IE', 'Infrastructure')],
    contacts: [
      en('Aoife Byrne', 'aoife.byrne', 'Data Protection Officer'),
      en('Conor Walsh', 'conor.walsh', 'Customer Success Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'tessera-it',
    name: 'Tessera IT Services',
    legalName: 'Tessera IT Services sp. z o.o.',
    country: 'PL',
    services: 'Managed IT support for stores and head office (remote administration)',
    tags: ['it', 'managed-services'],
    profile: profile(
      [C.Contact, C.Credentials],
      VolumeBand.Under10k,
      AccessLevel.Admin,
      ['PL'],
      [R.EuEea],
    ),
    contacts: [
      en('Marta Kowalska', 'marta.kowalska', 'Service Delivery Manager'),
      en('Piotr Nowak', 'piotr.nowak', 'Security Engineer'),
    ],
    story: 'in-review',
  }),
  vendor({
    key: 'fjord-travel',
    name: 'Fjord Travel Management',
    legalName: 'Fjord Travel Management AB',
    country: 'SE',
    services: 'Business travel booking, including passport details for visas',
    tags: ['travel'],
    profile: profile(
      [C.Contact, C.GovernmentId],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['SE', 'US'],
      [R.EuEea, R.OtherUs],
    ),
    contacts: [
      en('Erik Lindqvist', 'erik.lindqvist', 'Account Director'),
      en('Sara Nilsson', 'sara.nilsson', 'Privacy Coordinator'),
    ],
    story: 'sent',
  }),
  vendor({
    key: 'talentia',
    name: 'Talentia Recruiting',
    legalName: 'Talentia Recruiting S.L.',
    country: 'ES',
    services: 'Applicant tracking and recruitment process outsourcing',
    tags: ['hr', 'recruiting'],
    profile: profile(
      [C.Contact, C.Employee, C.Identifiers],
      VolumeBand.From10kTo100k,
      AccessLevel.Write,
      ['ES', 'US'],
      [R.EuEea],
    ),
    contacts: [
      en('Lucía García', 'lucia.garcia', 'Legal & Compliance'),
      en('Pablo Fernández', 'pablo.fernandez', 'Account Manager'),
    ],
    story: 'conditions',
  }),
  vendor({
    key: 'kuaidiniao',
    name: '快递鸟',
    latinName: 'Kuaidiniao Express',
    legalName: '快递鸟网络科技（上海）有限公司',
    country: 'CN',
    services: 'Parcel delivery and tracking for online orders in China',
    tags: ['logistics', 'delivery', 'china'],
    profile: profile(
      [C.Contact, C.PreciseLocation],
      VolumeBand.From100kTo1m,
      AccessLevel.Read,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('黄丽', 'huang.li', '法务经理'), zh('孙伟', 'sun.wei', '大客户经理')],
    story: 'approved',
  }),
  vendor({
    key: 'nimbus-helpdesk',
    name: 'Nimbus Helpdesk',
    legalName: 'Nimbus Helpdesk Pty Ltd',
    country: 'AU',
    services: 'Help-desk ticketing for customer service',
    tags: ['customer-service', 'saas'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.Write,
      ['AU', 'US'],
      [R.UnitedKingdom, R.EuEea, R.Other],
    ),
    subProcessors: [sub('Amazon Web Services, Inc.', 'US', 'Infrastructure')],
    contacts: [
      en('Olivia Brown', 'olivia.brown', 'Compliance Manager'),
      en('Liam Wilson', 'liam.wilson', 'Account Manager'),
    ],
    story: 'expired-agreement',
  }),
  vendor({
    key: 'hanbit-mobile',
    name: 'Hanbit Mobile',
    legalName: 'Hanbit Mobile Co., Ltd.',
    country: 'KR',
    services: 'Development and operation of the shopping app',
    tags: ['development', 'mobile'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Credentials],
      VolumeBand.From100kTo1m,
      AccessLevel.Read,
      ['KR'],
      [R.China, R.Other],
    ),
    contacts: [
      en('Min-jun Lee', 'minjun.lee', 'Project Manager'),
      en('Ji-woo Park', 'jiwoo.park', 'Security Lead'),
    ],
    story: 'in-progress',
  }),
  vendor({
    key: 'weike',
    name: '微客互动',
    latinName: 'WeiKe Interactive',
    legalName: '广州微客互动网络科技有限公司',
    country: 'CN',
    services: 'WeChat official account and social CRM campaigns',
    tags: ['marketing', 'social', 'china'],
    profile: profile(
      [C.Contact, C.Identifiers, C.PreciseLocation],
      VolumeBand.Over1m,
      AccessLevel.Write,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('郑浩', 'zheng.hao', '运营总监'), zh('何雪', 'he.xue', '项目经理')],
    story: 'sent-overdue',
  }),
  vendor({
    key: 'beacon-fraud',
    name: 'Beacon Fraud Shield',
    legalName: 'Beacon Risk Technologies Ltd',
    country: 'GB',
    services: 'Fraud scoring of online orders',
    tags: ['payments', 'fraud'],
    profile: profile(
      [C.Financial, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.Read,
      ['GB'],
      [R.UnitedKingdom, R.EuEea],
    ),
    contacts: [
      en('Hannah Price', 'hannah.price', 'Head of Compliance'),
      en('Oliver Shaw', 'oliver.shaw', 'Solutions Consultant'),
    ],
    story: 'approved-history',
  }),
  vendor({
    key: 'apex-loyalty',
    name: 'Apex Loyalty',
    legalName: 'Apex Loyalty Solutions Inc.',
    country: 'CA',
    services: 'Loyalty points and gift cards for North America',
    tags: ['loyalty', 'marketing'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Financial],
      VolumeBand.From100kTo1m,
      AccessLevel.Write,
      ['CA'],
      [R.California, R.Other],
    ),
    contacts: [
      en('Chloé Tremblay', 'chloe.tremblay', 'Privacy Officer'),
      en('Ryan Gagnon', 'ryan.gagnon', 'Account Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'pinnacle-backup',
    name: 'Pinnacle Data Backup',
    legalName: 'Pinnacle Data Protection Corp.',
    country: 'US',
    services: 'Off-site backup of servers and SaaS data',
    tags: ['it', 'backup'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Other],
      VolumeBand.Over1m,
      AccessLevel.Admin,
      ['US', 'CA'],
      [R.California, R.OtherUs],
    ),
    subProcessors: [sub('Wasabi Technologies LLC', 'US', 'Object storage')],
    contacts: [
      en('Kevin Murphy', 'kevin.murphy', 'Compliance Director'),
      en('Laura Bennett', 'laura.bennett', 'Customer Success Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'corvid-security',
    name: 'Corvid Managed Security',
    legalName: 'Corvid Cyber Ltd',
    country: 'IL',
    services: '24/7 security monitoring (SOC) of the shop and head office',
    tags: ['security', 'managed-services'],
    profile: profile(
      [C.Contact, C.Credentials, C.Identifiers],
      VolumeBand.Under10k,
      AccessLevel.Read,
      ['IL', 'GB'],
      [R.UnitedKingdom, R.EuEea],
    ),
    contacts: [
      en('Noa Levi', 'noa.levi', 'Office of the CISO'),
      en('Daniel Cohen', 'daniel.cohen', 'SOC Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'crestline-insurance',
    name: 'Crestline Insurance Brokers',
    legalName: 'Crestline Insurance Brokers Ltd',
    country: 'GB',
    services: 'Group life and income protection insurance for UK staff',
    tags: ['hr', 'benefits', 'insurance'],
    profile: profile(
      [C.Health, C.Employee, C.Contact],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['GB'],
      [R.UnitedKingdom],
    ),
    contacts: [
      en('Emma Clarke', 'emma.clarke', 'Compliance Officer'),
      en('George Hall', 'george.hall', 'Account Executive'),
    ],
    story: 'submitted',
  }),
  vendor({
    key: 'shuzhi-hr',
    name: '数智人力',
    latinName: 'ShuZhi HR',
    legalName: '苏州数智人力资源科技有限公司',
    country: 'CN',
    services: 'HR system and social insurance filings for employees in China',
    tags: ['hr', 'china'],
    profile: profile(
      [C.Employee, C.GovernmentId, C.Contact],
      VolumeBand.From10kTo100k,
      AccessLevel.Write,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('马丽', 'ma.li', '数据合规专员'), zh('杨帆', 'yang.fan', '客户经理')],
    story: 'cancelled',
  }),
  vendor({
    key: 'vltava-print',
    name: 'Vltava Print & Mail',
    legalName: 'Vltava Print & Mail s.r.o.',
    country: 'CZ',
    services: 'Printing and posting of invoices and card statements',
    tags: ['print', 'mail'],
    profile: profile(
      [C.Contact, C.Financial],
      VolumeBand.From100kTo1m,
      AccessLevel.None,
      ['CZ'],
      [R.EuEea],
    ),
    contacts: [
      en('Tereza Dvořáková', 'tereza.dvorakova', 'Quality & Compliance Manager'),
      en('Martin Svoboda', 'martin.svoboda', 'Production Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'verity-datarooms',
    name: 'Verity Data Rooms',
    legalName: 'Verity Data Rooms AG',
    country: 'CH',
    services: 'Virtual data room for the planned acquisition (proposed)',
    tags: ['legal', 'finance'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Financial, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.Write,
      ['CH'],
      [R.EuEea, R.UnitedKingdom],
    ),
    contacts: [
      en('Laura Meier', 'laura.meier', 'Legal Counsel'),
      en('Lukas Keller', 'lukas.keller', 'Sales Director'),
    ],
    story: 'prospect-sent',
  }),
  vendor({
    key: 'xinghe-service',
    name: '星河客服',
    latinName: 'Xinghe Customer Service',
    legalName: '成都星河客户服务外包有限公司',
    country: 'CN',
    services: 'Chinese-language customer service for the China shop (proposed)',
    tags: ['customer-service', 'outsourcing', 'china'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.Write,
      ['CN', 'PH'],
      [R.China],
    ),
    contacts: [zh('谢婷', 'xie.ting', '商务经理'), zh('罗军', 'luo.jun', '运营经理')],
    story: 'prospect-draft',
  }),

  // Tier 3.
  vendor({
    key: 'signwise',
    name: 'SignWise',
    legalName: 'SignWise GmbH',
    country: 'DE',
    services: 'Electronic signatures for employment and supplier contracts',
    tags: ['legal', 'saas'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Other],
      VolumeBand.From100kTo1m,
      AccessLevel.None,
      ['DE', 'IE'],
      [R.EuEea, R.UnitedKingdom],
    ),
    contacts: [
      en('Lena Hoffmann', 'lena.hoffmann', 'Datenschutzbeauftragte'),
      en('Felix Wagner', 'felix.wagner', 'Account Executive'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'sunrise-learning',
    name: 'Sunrise Learning',
    legalName: 'Sunrise Learning Pvt. Ltd.',
    country: 'IN',
    services: 'E-learning platform for store staff training',
    tags: ['hr', 'training'],
    profile: profile(
      [C.Contact, C.Employee],
      VolumeBand.From10kTo100k,
      AccessLevel.Read,
      ['IN', 'US'],
      [R.EuEea, R.UnitedKingdom, R.Other],
    ),
    contacts: [
      en('Ananya Rao', 'ananya.rao', 'Compliance Lead'),
      en('Rohan Kapoor', 'rohan.kapoor', 'Customer Success'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'brightwave',
    name: 'Brightwave Marketing',
    legalName: 'Brightwave Marketing Ltd',
    country: 'GB',
    services: 'Seasonal campaigns and competitions',
    tags: ['marketing', 'agency'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.None,
      ['GB'],
      [R.UnitedKingdom],
    ),
    contacts: [
      en('Sophie Turner', 'sophie.turner', 'Managing Director'),
      en('Harry Evans', 'harry.evans', 'Account Manager'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'lingua-bridge',
    name: 'Lingua Bridge Translations',
    legalName: 'Lingua Bridge SARL',
    country: 'FR',
    services: 'Translation of product content and HR documents',
    tags: ['translation'],
    profile: profile(
      [C.Contact, C.Other, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.Read,
      ['FR'],
      [R.EuEea],
    ),
    contacts: [
      en('Amélie Dubois', 'amelie.dubois', 'Operations Manager'),
      en('Thomas Moreau', 'thomas.moreau', 'Project Manager'),
    ],
    story: 'in-review',
  }),
  vendor({
    key: 'hartley-crane',
    name: 'Hartley & Crane LLP',
    legalName: 'Hartley & Crane LLP',
    country: 'GB',
    services: 'External employment and commercial counsel',
    tags: ['legal'],
    profile: profile(
      [C.Contact, C.Employee, C.Other],
      VolumeBand.Under10k,
      AccessLevel.Read,
      ['GB'],
      [R.UnitedKingdom, R.EuEea],
      ProcessingRole.IndependentController,
    ),
    contacts: [
      en('Charlotte Reid', 'charlotte.reid', 'Partner'),
      en('Edward Lyons', 'edward.lyons', 'Senior Associate'),
    ],
    story: 'none',
  }),
  vendor({
    key: 'pulse-survey',
    name: 'Pulse Survey',
    legalName: 'Pulse Survey Inc.',
    country: 'US',
    services: 'Employee engagement surveys',
    tags: ['hr', 'survey'],
    profile: profile(
      [C.Contact, C.Identifiers, C.Employee],
      VolumeBand.From10kTo100k,
      AccessLevel.None,
      ['US', 'IE'],
      [R.EuEea, R.California],
    ),
    contacts: [
      en('Megan Foster', 'megan.foster', 'Privacy Program Manager'),
      en('Chris Nolan', 'chris.nolan', 'Account Executive'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'eventhorizon',
    name: 'EventHorizon Conferences',
    legalName: 'EventHorizon Conferences B.V.',
    country: 'NL',
    services: 'Organisation of the annual supplier conference',
    tags: ['events'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['NL', 'DE'],
      [R.EuEea],
    ),
    contacts: [
      en('Lotte Bakker', 'lotte.bakker', 'Event Director'),
      en('Daan Visser', 'daan.visser', 'Project Coordinator'),
    ],
    story: 'sent',
  }),
  vendor({
    key: 'zhangshang-survey',
    name: '掌上问卷',
    latinName: 'Zhangshang Survey',
    legalName: '上海掌上问卷信息技术有限公司',
    country: 'CN',
    services: 'Customer satisfaction surveys for China stores',
    tags: ['survey', 'china'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.None,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('林涛', 'lin.tao', '产品经理'), zh('许婷', 'xu.ting', '客户经理')],
    story: 'in-progress',
  }),
  vendor({
    key: 'copperleaf-pr',
    name: 'Copperleaf PR',
    legalName: 'Copperleaf Communications LLC',
    country: 'US',
    services: 'Investor relations and press releases',
    tags: ['communications'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.Under10k,
      AccessLevel.Read,
      ['US'],
      [R.OtherUs, R.California],
    ),
    contacts: [
      en('Ashley Ward', 'ashley.ward', 'Partner'),
      en('Jordan Blake', 'jordan.blake', 'Account Director'),
    ],
    story: 'approved',
    tierOverride: {
      tier: 'TIER_2' as RiskTier,
      justification:
        'Receives unpublished quarterly results before release: insider information, reviewed yearly.',
    },
  }),
  vendor({
    key: 'nordic-feedback',
    name: 'Nordic Feedback',
    legalName: 'Nordic Feedback AB',
    country: 'SE',
    services: 'Product reviews and ratings on the web shop',
    tags: ['marketing', 'reviews'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From10kTo100k,
      AccessLevel.Read,
      ['SE'],
      [R.EuEea],
    ),
    contacts: [
      en('Ingrid Berg', 'ingrid.berg', 'Head of Privacy'),
      en('Lars Holm', 'lars.holm', 'Customer Success'),
    ],
    story: 'changes-requested',
  }),
  vendor({
    key: 'pixelforge',
    name: 'PixelForge Studio',
    legalName: 'PixelForge Studio sp. z o.o.',
    country: 'PL',
    services: 'Design and maintenance of the brand website',
    tags: ['agency', 'web'],
    profile: profile([C.Contact], VolumeBand.Under10k, AccessLevel.Write, ['PL'], [R.EuEea]),
    contacts: [
      en('Agnieszka Zielińska', 'agnieszka.zielinska', 'Studio Director'),
      en('Tomasz Wiśniewski', 'tomasz.wisniewski', 'Lead Developer'),
    ],
    story: 'approved',
  }),
  vendor({
    key: 'globe-relocation',
    name: 'Globe Relocation',
    legalName: 'Globe Relocation AG',
    country: 'CH',
    services: 'Relocation services for transferred employees (ended)',
    tags: ['hr', 'relocation'],
    profile: profile(
      [C.Contact, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['CH', 'DE'],
      [R.EuEea, R.Other],
    ),
    contacts: [
      en('Anna Brunner', 'anna.brunner', 'Client Services'),
      en('Marco Frei', 'marco.frei', 'Operations'),
    ],
    story: 'offboarded',
  }),
  vendor({
    key: 'tidewater-staffing',
    name: 'Tidewater Staffing',
    legalName: 'Tidewater Staffing Solutions LLC',
    country: 'US',
    services: 'Seasonal warehouse staff (contract ended)',
    tags: ['hr', 'staffing'],
    profile: profile(
      [C.Contact, C.Employee, C.Identifiers],
      VolumeBand.From10kTo100k,
      AccessLevel.Read,
      ['US'],
      [R.OtherUs, R.California],
    ),
    contacts: [
      en('Brandon Hayes', 'brandon.hayes', 'Branch Manager'),
      en('Kayla Brooks', 'kayla.brooks', 'HR Compliance'),
    ],
    story: 'offboarded-cancelled',
  }),
  vendor({
    key: 'yuntu-design',
    name: '云图设计',
    latinName: 'Yuntu Design',
    legalName: '上海云图设计有限公司',
    country: 'CN',
    services: 'Campaign design and member events in China',
    tags: ['agency', 'marketing', 'china'],
    profile: profile(
      [C.Contact, C.Identifiers],
      VolumeBand.From100kTo1m,
      AccessLevel.None,
      ['CN'],
      [R.China],
    ),
    contacts: [zh('宋佳', 'song.jia', '创意总监'), zh('韩磊', 'han.lei', '项目经理')],
    story: 'approved',
  }),
  vendor({
    key: 'keystone-audit',
    name: 'Keystone Auditors',
    legalName: 'Keystone Wirtschaftsprüfung GmbH',
    country: 'DE',
    services: 'Statutory audit of the German subsidiary (proposed)',
    tags: ['finance', 'audit'],
    profile: profile(
      [C.Contact, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.Read,
      ['DE'],
      [R.EuEea],
      ProcessingRole.IndependentController,
    ),
    contacts: [
      en('Stefan Braun', 'stefan.braun', 'Audit Partner'),
      en('Miriam Koch', 'miriam.koch', 'Audit Manager'),
    ],
    story: 'prospect-draft',
  }),

  // Tier 4: little or no personal information.
  vendor({
    key: 'paperclip-supplies',
    name: 'Paperclip Office Supplies',
    legalName: 'Paperclip Office Supplies Ltd',
    country: 'GB',
    services: 'Office and store consumables',
    tags: ['facilities'],
    profile: NOTHING,
    contacts: [en('Rebecca Lewis', 'rebecca.lewis', 'Account Manager')],
    story: 'none',
  }),
  vendor({
    key: 'greenleaf-plants',
    name: 'GreenLeaf Plants',
    legalName: 'GreenLeaf Plants B.V.',
    country: 'NL',
    services: 'Plants for offices and flagship stores',
    tags: ['facilities'],
    profile: profile([C.Contact], VolumeBand.Under10k, AccessLevel.None, ['NL'], [R.EuEea]),
    contacts: [en('Femke Smit', 'femke.smit', 'Owner')],
    story: 'approved',
  }),
  vendor({
    key: 'brightclean',
    name: 'BrightClean Facility Services',
    legalName: 'BrightClean Gebäudeservice GmbH',
    country: 'DE',
    services: 'Cleaning of offices and the Hamburg warehouse',
    tags: ['facilities'],
    profile: profile(
      [C.Contact, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['DE'],
      [R.EuEea],
    ),
    contacts: [en('Sabine Krüger', 'sabine.krueger', 'Operations Manager')],
    story: 'approved',
  }),
  vendor({
    key: 'bean-leaf',
    name: 'Bean & Leaf Coffee',
    legalName: 'Bean & Leaf Coffee Co.',
    country: 'US',
    services: 'Coffee machines and supplies for offices',
    tags: ['facilities'],
    profile: NOTHING,
    contacts: [en('Maria Lopez', 'maria.lopez', 'Account Manager')],
    story: 'none',
  }),
  vendor({
    key: 'metro-couriers',
    name: 'Metro Couriers',
    legalName: 'Metro Coursiers SARL',
    country: 'FR',
    services: 'Same-day document courier in Paris',
    tags: ['logistics'],
    profile: profile([C.Contact], VolumeBand.Under10k, AccessLevel.None, ['FR'], [R.EuEea]),
    contacts: [en('Nicolas Petit', 'nicolas.petit', 'Dispatcher')],
    story: 'none',
  }),
  vendor({
    key: 'xinhua-stationery',
    name: '新华文具',
    latinName: 'Xinhua Stationery',
    legalName: '上海新华文具用品有限公司',
    country: 'CN',
    services: 'Stationery and packaging for China stores',
    tags: ['facilities', 'china'],
    profile: NOTHING,
    contacts: [zh('钱芳', 'qian.fang', '销售经理')],
    story: 'none',
  }),
  vendor({
    key: 'ergonomica',
    name: 'Ergonomica Furniture',
    legalName: 'Ergonomica S.r.l.',
    country: 'IT',
    services: 'Office furniture',
    tags: ['facilities'],
    profile: NOTHING,
    contacts: [en('Giulia Ricci', 'giulia.ricci', 'Sales Manager')],
    story: 'none',
  }),
  vendor({
    key: 'skyline-architects',
    name: 'Skyline Architects',
    legalName: 'Skyline Architects Pte. Ltd.',
    country: 'SG',
    services: 'Store design for the Singapore flagship',
    tags: ['construction'],
    profile: profile([C.Contact], VolumeBand.Under10k, AccessLevel.None, ['SG'], [R.Other]),
    contacts: [en('Priya Raman', 'priya.raman', 'Project Architect')],
    story: 'approved',
  }),
  vendor({
    key: 'kite-catering',
    name: 'Kite Events Catering',
    legalName: 'Kite Events Catering Ltd',
    country: 'GB',
    services: 'Catering for staff events, including dietary requirements',
    tags: ['events', 'facilities'],
    profile: profile(
      [C.Contact, C.Employee],
      VolumeBand.Under10k,
      AccessLevel.None,
      ['GB'],
      [R.UnitedKingdom],
    ),
    contacts: [en('Grace Bennett', 'grace.bennett', 'Events Manager')],
    story: 'sent',
  }),
  vendor({
    key: 'harbour-signage',
    name: 'Harbour Signage',
    legalName: 'Harbour Signage Pty Ltd',
    country: 'AU',
    services: 'Store signs and window displays',
    tags: ['facilities'],
    profile: NOTHING,
    contacts: [en('Jack Thompson', 'jack.thompson', 'Sales')],
    story: 'none',
  }),
  vendor({
    key: 'dongfang-print',
    name: '东方快印',
    latinName: 'Dongfang Print',
    legalName: '北京东方快印科技有限公司',
    country: 'CN',
    services: 'Printing of in-store flyers and member cards',
    tags: ['print', 'china'],
    profile: profile([C.Contact], VolumeBand.Under10k, AccessLevel.None, ['CN'], [R.China]),
    contacts: [zh('冯军', 'feng.jun', '客户经理')],
    story: 'submitted',
  }),
  vendor({
    key: 'aurora-energy',
    name: 'Aurora Energy Partners',
    legalName: 'Aurora Energy Partners AS',
    country: 'NO',
    services: 'Renewable electricity for the Nordic stores',
    tags: ['utilities'],
    profile: NOTHING,
    contacts: [en('Ingrid Hansen', 'ingrid.hansen', 'Key Account Manager')],
    story: 'none',
  }),
  vendor({
    key: 'civic-parking',
    name: 'Civic Parking Systems',
    legalName: 'Civic Parking Systems Ltd',
    country: 'IE',
    services: 'Staff car park permits at the Dublin office',
    tags: ['facilities'],
    profile: profile([C.Contact], VolumeBand.From10kTo100k, AccessLevel.None, ['IE'], [R.EuEea]),
    contacts: [en('Siobhan Kelly', 'siobhan.kelly', 'Customer Service Lead')],
    story: 'approved',
  }),
];
