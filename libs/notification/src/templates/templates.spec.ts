import { describe, expect, it } from '@jest/globals';
import {
  EMAIL_TEMPLATE_NAMES,
  LOCALES,
  escapeHtml,
  renderEmail,
  type EmailTemplateName,
  type EmailTemplates,
  type Locale,
} from './index.js';
import { layout } from './template.js';

/** A parameter value full of HTML: it must come out escaped in HTML and as it is in text. */
const hostile = (name: string) => `${name} <b onclick="x()">&'</b>`;

const PUBLIC_URL = 'https://assay.example.com';
const TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCD';
const ID = '0190f5d4-9b1e-7c3a-8f00-123456789abc';

interface Fixture<Name extends EmailTemplateName> {
  readonly params: EmailTemplates[Name];
  /** What each language must say, besides every string parameter. */
  readonly says: Record<Locale, readonly string[]>;
  /** The link the email carries. */
  readonly link: string;
}

type Fixtures = { [Name in EmailTemplateName]: Fixture<Name> };

const invitation = `${PUBLIC_URL}/vendor/assessment#invitation=${TOKEN}`;
const due = { en: ['December 31, 2099'], 'zh-CN': ['2099年12月31日'] };

const FIXTURES: Fixtures = {
  'assessment-invitation': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      dueDate: '2099-12-31',
      publicUrl: PUBLIC_URL,
      token: TOKEN,
    },
    says: due,
    link: invitation,
  },
  'assessment-reminder': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      dueDate: '2099-12-31',
      daysLeft: 3,
      publicUrl: PUBLIC_URL,
      token: TOKEN,
    },
    says: { en: [...due.en, '3 days'], 'zh-CN': [...due['zh-CN'], '3 天'] },
    link: invitation,
  },
  'assessment-overdue': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      dueDate: '2099-12-31',
      daysOverdue: 5,
      publicUrl: PUBLIC_URL,
      token: TOKEN,
    },
    says: { en: [...due.en, '5 days'], 'zh-CN': [...due['zh-CN'], '5 天', '逾期'] },
    link: invitation,
  },
  'assessment-overdue-escalation': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      dueDate: '2099-12-31',
      daysOverdue: 1,
      contactName: hostile('Wang Fang'),
      contactEmail: 'dpo@payroll.example',
      publicUrl: PUBLIC_URL,
      assessmentId: ID,
    },
    says: { en: [...due.en, '1 day ago', 'risk owner'], 'zh-CN': [...due['zh-CN'], '1 天'] },
    link: `${PUBLIC_URL}/assessments/${ID}`,
  },
  'assessment-submitted': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      submittedAt: '2099-06-01T09:30:00.000Z',
      publicUrl: PUBLIC_URL,
      assessmentId: ID,
    },
    says: { en: ['June 1, 2099', '9:30'], 'zh-CN': ['2099年6月1日', '09:30'] },
    link: `${PUBLIC_URL}/assessments/${ID}`,
  },
  'assessment-changes-requested': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      questions: [hostile('Is data encrypted at rest?'), hostile('Lowest TLS version?')],
      comment: hostile('Please attach the certificate'),
      publicUrl: PUBLIC_URL,
      token: TOKEN,
    },
    says: { en: ['• '], 'zh-CN': ['• ', '修改'] },
    link: invitation,
  },
  'assessment-decision': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      questionnaireName: hostile('Security'),
      decision: 'APPROVED_WITH_CONDITIONS',
      residualRating: 'HIGH',
      note: hostile('Encrypt backups by March'),
      publicUrl: PUBLIC_URL,
      assessmentId: ID,
    },
    says: {
      en: ['approved with conditions', 'Residual risk: high', 'Conditions'],
      'zh-CN': ['有条件批准', '剩余风险等级：高', '条件'],
    },
    link: `${PUBLIC_URL}/assessments/${ID}`,
  },
  'finding-raised': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      title: hostile('No MFA for admins'),
      severity: 'CRITICAL',
      dueDate: '2099-12-31',
      publicUrl: PUBLIC_URL,
      findingId: ID,
    },
    says: { en: [...due.en, 'critical'], 'zh-CN': [...due['zh-CN'], '严重'] },
    link: `${PUBLIC_URL}/findings/${ID}`,
  },
  'agreement-expiring': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      agreementType: 'DPA',
      agreementTitle: hostile('Master DPA 2024'),
      expiryDate: '2099-12-31',
      daysLeft: 30,
      publicUrl: PUBLIC_URL,
      agreementId: ID,
    },
    says: {
      en: [...due.en, '30 days', 'data processing agreement'],
      'zh-CN': [...due['zh-CN'], '30 天', '数据处理协议'],
    },
    link: `${PUBLIC_URL}/agreements/${ID}`,
  },
  'agreement-expired': {
    params: {
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      agreementType: 'PIPL_STANDARD_CONTRACT',
      agreementTitle: hostile('Outbound transfer contract'),
      expiryDate: '2099-12-31',
      publicUrl: PUBLIC_URL,
      agreementId: ID,
    },
    says: {
      en: [...due.en, 'standard contract', 'expired'],
      'zh-CN': [...due['zh-CN'], '个人信息出境标准合同', '过期'],
    },
    link: `${PUBLIC_URL}/agreements/${ID}`,
  },
  'follow-up-due': {
    params: {
      kind: 'RISK_ACCEPTANCE',
      organizationName: hostile('Acme'),
      vendorName: hostile('Payroll Co'),
      subjectName: hostile('Backups are not encrypted'),
      day: '2099-12-31',
      daysLeft: 14,
      publicUrl: PUBLIC_URL,
      objectId: ID,
    },
    says: {
      en: [...due.en, '14 days', 'accepted'],
      'zh-CN': [...due['zh-CN'], '14 天', '风险接受'],
    },
    link: `${PUBLIC_URL}/findings/${ID}`,
  },
  'member-invitation': {
    params: {
      organizationName: hostile('Acme'),
      role: 'RISK_OWNER',
      apiUrl: `${PUBLIC_URL}/graphql`,
      expiresAt: '2099-12-31T12:00:00.000Z',
      token: TOKEN,
    },
    says: { en: ['risk owner', TOKEN], 'zh-CN': ['风险负责人', TOKEN] },
    link: `${PUBLIC_URL}/graphql`,
  },
  'password-reset': {
    params: {
      apiUrl: `${PUBLIC_URL}/graphql`,
      expiresAt: '2099-12-31T12:00:00.000Z',
      token: TOKEN,
    },
    says: { en: [TOKEN], 'zh-CN': [TOKEN] },
    link: `${PUBLIC_URL}/graphql`,
  },
  'sign-up': {
    params: {
      organizationName: hostile('Acme'),
      apiUrl: `${PUBLIC_URL}/graphql`,
      expiresAt: '2099-12-31T12:00:00.000Z',
      token: TOKEN,
    },
    says: { en: [TOKEN], 'zh-CN': [TOKEN] },
    link: `${PUBLIC_URL}/graphql`,
  },
};

/** Every string in the parameters, arrays included (numbers are checked through `says`). */
const stringsOf = (params: object): string[] =>
  Object.values(params).flatMap((value: unknown) =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : [],
  );

const CJK = /[\u4e00-\u9fff]/;

describe('email templates', () => {
  it('has a fixture for every template', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual([...EMAIL_TEMPLATE_NAMES].sort());
    for (const name of [
      'assessment-reminder',
      'assessment-overdue',
      'assessment-overdue-escalation',
      'assessment-submitted',
      'assessment-changes-requested',
      'assessment-decision',
      'finding-raised',
      'agreement-expiring',
      'agreement-expired',
      'follow-up-due',
    ]) {
      expect(EMAIL_TEMPLATE_NAMES).toContain(name);
    }
  });

  describe.each(EMAIL_TEMPLATE_NAMES)('%s', (name) => {
    const fixture = FIXTURES[name] as Fixture<EmailTemplateName>;

    it.each(LOCALES)('renders in %s with a text and an HTML part', (locale) => {
      const email = renderEmail(name, fixture.params as never, locale);
      expect(email.subject.trim()).not.toBe('');
      expect(email.text.trim()).not.toBe('');
      expect(email.html).toMatch(/^<!doctype html><html[^>]*><body[^>]*>.*<\/body><\/html>$/s);
      // Chinese emails are in Chinese, English ones are not.
      expect(CJK.test(email.subject)).toBe(locale === 'zh-CN');
      expect(CJK.test(email.text)).toBe(locale === 'zh-CN');
    });

    it.each(LOCALES)('contains its parameters in %s, escaped in HTML', (locale) => {
      const email = renderEmail(name, fixture.params as never, locale);
      for (const value of [...stringsOf(fixture.params), ...fixture.says[locale]]) {
        // Dates, codes and URLs are shown formatted, in words or as links (checked apart).
        if (/^(\d{4}-\d{2}-\d{2}(T.*)?|[A-Z_]+|https?:.*)$/.test(value)) continue;
        expect(email.text).toContain(value);
        expect(email.html).toContain(escapeHtml(value).replaceAll('\n', '<br>'));
      }
      // Nothing a parameter carried became markup.
      expect(email.html).not.toContain('<b onclick');
      expect(email.html).not.toMatch(/<b\b/);
    });

    it.each(LOCALES)('carries its link in %s', (locale) => {
      const email = renderEmail(name, fixture.params as never, locale);
      expect(email.text).toContain(fixture.link);
      expect(email.html).toContain(escapeHtml(fixture.link));
    });
  });

  it('names the vendor, organization and other key facts in the subject', () => {
    const reminder = renderEmail(
      'assessment-reminder',
      FIXTURES['assessment-reminder'].params,
      'en',
    );
    expect(reminder.subject).toContain('Payroll Co');
    expect(reminder.subject).toContain('Acme');
    expect(reminder.subject).toContain('in 3 days');
    const today = renderEmail(
      'assessment-reminder',
      { ...FIXTURES['assessment-reminder'].params, daysLeft: 0 },
      'zh-CN',
    );
    expect(today.subject).toContain('今天到期');
    const rejected = renderEmail(
      'assessment-decision',
      { ...FIXTURES['assessment-decision'].params, decision: 'REJECTED', note: null },
      'en',
    );
    expect(rejected.subject).toContain('rejected');
    expect(rejected.text).not.toContain('Conditions');
    const finding = renderEmail(
      'finding-raised',
      { ...FIXTURES['finding-raised'].params, dueDate: null },
      'zh-CN',
    );
    expect(finding.subject).toContain('严重');
    expect(finding.text).toContain('没有设定截止日期');
  });

  it('makes web links clickable in HTML and nothing else', () => {
    const email = layout('s', [
      { lead: 'Open:', href: 'https://assay.example.com/x?a=1&b="2"' },
      { lead: 'Not this:', href: 'javascript:alert(1)' },
    ]);
    expect(email.html).toContain(
      '<a href="https://assay.example.com/x?a=1&amp;b=&quot;2&quot;">https://assay.example.com/x?a=1&amp;b=&quot;2&quot;</a>',
    );
    expect(email.html).not.toContain('href="javascript');
    expect(email.text).toBe(
      'Open:\nhttps://assay.example.com/x?a=1&b="2"\n\nNot this:\njavascript:alert(1)\n',
    );
  });

  it('refuses a template name it does not know', () => {
    expect(() => renderEmail('no-such-template' as EmailTemplateName, {} as never, 'en')).toThrow(
      /no-such-template/,
    );
  });
});

describe('follow-up-due', () => {
  it.each([
    ['COVERAGE_EXCEPTION', 3, 'exception runs out in 3 days', '/assessments/'],
    ['COVERAGE_EXCEPTION', -1, 'exception has run out', '/assessments/'],
    ['INVITATION', -2, 'invitation has expired', '/assessments/'],
    ['RISK_ACCEPTANCE', -1, 'accepted risk has run out', '/findings/'],
  ] as const)('%s with %i days left', (kind, daysLeft, subject, path) => {
    const email = renderEmail(
      'follow-up-due',
      { ...FIXTURES['follow-up-due'].params, kind, daysLeft },
      'en',
    );
    expect(email.subject).toContain(subject);
    expect(email.text).toContain(`${PUBLIC_URL}${path}${ID}`);
  });
});
