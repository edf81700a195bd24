import type { LocalizedText } from '../definition/definition.schema.js';
import type { LibraryTemplate } from './library-template.js';

const localized = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

/**
 * A short questionnaire for lower-risk vendors: enough to tell whether a
 * vendor would notice a personal data breach, tell us in time for our own
 * deadlines (GDPR Art. 33, PIPL Art. 57) and recover.
 */
export const BREACH_READINESS_QUICK_CHECK: LibraryTemplate = {
  key: 'breach-readiness-quick-check',
  version: 1,
  name: localized('Breach readiness quick check', '数据泄露应对准备快速检查'),
  description: localized(
    'A short check for lower-risk vendors: whether they can detect a personal data breach, respond to it, tell us in time and recover.',
    '适用于较低风险供应商的简短检查：能否发现个人数据泄露、作出响应、及时通知我方并恢复业务。',
  ),
  intendedTiers: ['TIER_3', 'TIER_4'],
  definition: {
    languages: ['en', 'zh-CN'],
    sections: [
      {
        key: 'preparation',
        title: localized('Preparation', '准备工作'),
        description: localized(
          'The plan, people and contacts in place before an incident happens.',
          '事件发生前应当就绪的预案、人员和联系方式。',
        ),
        weight: 1,
        questions: [
          {
            key: 'incident_response_plan',
            type: 'BOOLEAN',
            text: localized(
              'Do you have a written incident response plan that covers personal data breaches?',
              '贵方是否有涵盖个人数据泄露的书面事件响应预案？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            references: ['ISO/IEC 27001:2022 A.5.24', 'Cybersecurity Law Art. 25', 'PIPL Art. 51'],
            knockout: {
              failWhen: { equals: { question: 'incident_response_plan', value: false } },
              severity: 'HIGH',
              finding: localized(
                'The vendor has no written incident response plan for personal data breaches.',
                '供应商没有针对个人数据泄露的书面事件响应预案。',
              ),
            },
          },
          {
            key: 'incident_contact',
            type: 'BOOLEAN',
            text: localized(
              'Have you named a person or team who leads incident response and whom customers can reach at any time?',
              '贵方是否指定了负责事件响应、客户可随时联系的人员或团队？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            references: ['ISO/IEC 27001:2022 A.5.24', 'GDPR Art. 33'],
          },
          {
            key: 'incident_contact_details',
            type: 'TEXT',
            text: localized(
              'Who is it, and how do we reach them (role, email address, phone number)?',
              '请提供该人员或团队的信息及联系方式（职务、电子邮箱、电话号码）。',
            ),
            required: true,
            visibleWhen: { equals: { question: 'incident_contact', value: true } },
            references: ['GDPR Art. 33'],
          },
          {
            key: 'customer_contact_list',
            type: 'BOOLEAN',
            text: localized(
              "Do you keep an up-to-date list of each customer's contacts for security incidents?",
              '贵方是否维护每一位客户最新的安全事件联系人名单？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            references: ['GDPR Art. 33', 'PIPL Art. 57', 'ISO/IEC 27001:2022 A.5.24'],
          },
          {
            key: 'last_drill_date',
            type: 'DATE',
            text: localized(
              'When did you last rehearse your incident response plan, in a tabletop exercise or a simulated incident?',
              '贵方最近一次演练事件响应预案（桌面推演或模拟事件）是在什么时候？',
            ),
            help: localized(
              'Leave this unanswered if you have never rehearsed the plan.',
              '如从未演练过预案，请不要作答。',
            ),
            evidence: 'OPTIONAL',
            references: ['ISO/IEC 27001:2022 A.5.24', 'Cybersecurity Law Art. 25'],
          },
        ],
      },
      {
        key: 'detection',
        title: localized('Detection', '发现与监测'),
        description: localized(
          'Seeing a breach early enough to limit it.',
          '及早发现泄露，以控制其影响。',
        ),
        weight: 1,
        questions: [
          {
            key: 'access_logging',
            type: 'BOOLEAN',
            text: localized(
              'Do you log access to the systems that hold customer personal data, and protect the logs from tampering?',
              '贵方是否记录对存有客户个人数据的系统的访问日志，并防止日志被篡改？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            references: ['Cybersecurity Law Art. 21', 'ISO/IEC 27001:2022 A.8.15'],
          },
          {
            key: 'log_retention_months',
            type: 'NUMBER',
            text: localized(
              'For how many months do you keep these logs?',
              '这些日志保存多少个月？',
            ),
            required: true,
            min: 0,
            max: 1200,
            visibleWhen: { equals: { question: 'access_logging', value: true } },
            references: ['Cybersecurity Law Art. 21'],
            knockout: {
              failWhen: { lt: { question: 'log_retention_months', value: 6 } },
              severity: 'MEDIUM',
              finding: localized(
                'Access logs are kept for less than the six months Cybersecurity Law Art. 21 requires.',
                '访问日志的留存期限少于《网络安全法》第二十一条要求的六个月。',
              ),
            },
          },
          {
            key: 'event_detection',
            type: 'SINGLE_CHOICE',
            text: localized(
              'How are security events detected and assessed?',
              '贵方如何发现和评估安全事件？',
            ),
            required: true,
            weight: 2,
            options: [
              {
                key: 'continuous',
                label: localized(
                  'Automated alerts, watched around the clock',
                  '自动告警，全天候值守',
                ),
                points: 10,
              },
              {
                key: 'business_hours',
                label: localized(
                  'Automated alerts, watched during business hours',
                  '自动告警，工作时间值守',
                ),
                points: 6,
              },
              {
                key: 'manual',
                label: localized('Occasional manual review of logs', '不定期人工审查日志'),
                points: 2,
              },
              {
                key: 'none',
                label: localized('No detection in place', '未采取任何检测手段'),
                points: 0,
              },
            ],
            references: ['ISO/IEC 27001:2022 A.5.25', 'ISO/IEC 27001:2022 A.8.16'],
          },
        ],
      },
      {
        key: 'response_and_notification',
        title: localized('Response and notification', '响应与通知'),
        description: localized(
          'Telling us in time, and learning from what happened.',
          '及时通知我方，并从事件中吸取教训。',
        ),
        weight: 2,
        questions: [
          {
            key: 'notification_commitment',
            type: 'BOOLEAN',
            text: localized(
              'Does your contract with customers commit you to notify them without undue delay of a breach affecting their personal data?',
              '贵方与客户签订的合同是否承诺：发生影响客户个人数据的泄露时，及时通知客户，不得无故拖延？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            references: ['GDPR Art. 33', 'PIPL Art. 57', 'ISO/IEC 27001:2022 A.5.26'],
            knockout: {
              failWhen: { equals: { question: 'notification_commitment', value: false } },
              severity: 'HIGH',
              finding: localized(
                'The vendor makes no contractual commitment to notify us of a personal data breach.',
                '供应商未在合同中承诺在发生个人数据泄露时通知我方。',
              ),
            },
          },
          {
            key: 'notification_hours',
            type: 'NUMBER',
            text: localized(
              'Within how many hours of becoming aware of a breach do you commit to notify us?',
              '贵方承诺在知悉泄露后多少小时内通知我方？',
            ),
            help: localized(
              'We must notify regulators within 72 hours under GDPR Art. 33 and immediately under PIPL Art. 57; a vendor that takes longer leaves us no time.',
              '依据 GDPR 第 33 条，我方须在 72 小时内通知监管机构；依据《个人信息保护法》第五十七条，须立即通知。供应商的通知时限若超过这一期限，我方将来不及履行义务。',
            ),
            required: true,
            weight: 2,
            min: 0,
            max: 8760,
            visibleWhen: { equals: { question: 'notification_commitment', value: true } },
            references: ['GDPR Art. 33', 'PIPL Art. 57'],
            knockout: {
              failWhen: { gt: { question: 'notification_hours', value: 72 } },
              severity: 'HIGH',
              finding: localized(
                'The vendor commits to notify us of a breach only after more than 72 hours.',
                '供应商承诺的泄露通知时限超过 72 小时。',
              ),
            },
          },
          {
            key: 'individual_notice_support',
            type: 'BOOLEAN',
            text: localized(
              'Will you give us the facts we need to inform affected individuals: what happened, the data involved, the likely consequences and the measures taken?',
              '贵方是否会向我方提供通知受影响个人所需的信息：事件经过、涉及的数据、可能造成的后果以及已采取的措施？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            references: ['GDPR Art. 34', 'PIPL Art. 57'],
          },
          {
            key: 'incident_records',
            type: 'BOOLEAN',
            text: localized(
              'Do you record every incident (the facts, its effects, the remedial action and the evidence collected) and review it afterwards to prevent a recurrence?',
              '贵方是否记录每一起事件（事实经过、影响、补救措施及收集的证据），并在事后复盘以防止再次发生？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            evidence: 'OPTIONAL',
            references: ['GDPR Art. 33', 'ISO/IEC 27001:2022 A.5.27', 'ISO/IEC 27001:2022 A.5.28'],
          },
        ],
      },
      {
        key: 'recovery',
        title: localized('Recovery', '恢复'),
        description: localized(
          'Getting data and service back after an incident.',
          '事件发生后恢复数据和服务。',
        ),
        weight: 1,
        questions: [
          {
            key: 'backup_restore_test',
            type: 'SINGLE_CHOICE',
            text: localized(
              'When did you last restore data from a backup successfully in a test?',
              '贵方最近一次成功完成备份数据恢复测试是在什么时候？',
            ),
            required: true,
            weight: 2,
            evidence: 'OPTIONAL',
            options: [
              {
                key: 'within_6_months',
                label: localized('Within the last 6 months', '最近 6 个月内'),
                points: 10,
              },
              {
                key: 'within_12_months',
                label: localized('6 to 12 months ago', '6 至 12 个月前'),
                points: 6,
              },
              {
                key: 'over_12_months',
                label: localized('More than 12 months ago', '超过 12 个月前'),
                points: 2,
              },
              {
                key: 'never',
                label: localized('Never', '从未测试'),
                points: 0,
              },
            ],
            references: ['ISO/IEC 27001:2022 A.8.13', 'ISO/IEC 27001:2022 A.5.26'],
          },
        ],
      },
    ],
  },
};
