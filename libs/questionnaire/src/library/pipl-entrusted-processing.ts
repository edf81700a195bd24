import type { LocalizedText } from '../definition/definition.schema.js';
import type { LibraryTemplate } from './library-template.js';

const localized = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });

/** Sub-entrustment answers that mean someone else processes the personal information too. */
const SUB_ENTRUSTS = ['specific_consent', 'general_consent', 'without_consent'];

/**
 * For a vendor entrusted with personal information from mainland China: the
 * questions follow PIPL Arts. 21, 38-40, 51, 52 and 54-57 as they apply to an
 * entrusted party (Art. 59) and to what we, the handler, need from it.
 */
export const PIPL_ENTRUSTED_PROCESSING: LibraryTemplate = {
  key: 'pipl-entrusted-processing',
  version: 1,
  name: localized(
    'PIPL entrusted processing and impact assessment',
    '《个人信息保护法》委托处理与影响评估',
  ),
  description: localized(
    'For vendors that process personal information from mainland China on our behalf: the entrusted processing agreement, sub-entrustment, cross-border provision, security measures, personal information protection impact assessments, incident notification and governance under PIPL Articles 21, 38-40 and 51-57.',
    '适用于代表我方处理中国大陆境内个人信息的供应商：依据《个人信息保护法》第二十一条、第三十八条至第四十条及第五十一条至第五十七条，评估委托处理协议、转委托、个人信息出境、安全保护措施、个人信息保护影响评估、安全事件通知及治理情况。',
  ),
  intendedTiers: ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'],
  definition: {
    languages: ['en', 'zh-CN'],
    sections: [
      {
        key: 'entrustment_agreement',
        title: localized('Entrusted processing agreement', '委托处理协议'),
        description: localized(
          'PIPL Art. 21: what we agree before you process personal information on our behalf, and what happens when the entrustment ends.',
          '《个人信息保护法》第二十一条：贵方代表我方处理个人信息之前双方应约定的事项，以及委托关系终止后的处置。',
        ),
        weight: 3,
        questions: [
          {
            key: 'written_entrustment_agreement',
            type: 'BOOLEAN',
            text: localized(
              'Do you sign a written entrusted processing agreement with each customer before processing personal information on its behalf?',
              '在代表客户处理个人信息之前，贵方是否与每一位客户签订书面的委托处理协议？',
            ),
            help: localized(
              'Upload your standard agreement or data processing addendum. PIPL Art. 21 requires the entrusting party and the entrusted party to agree on the terms of the processing.',
              '请上传贵方的标准协议或数据处理附录。《个人信息保护法》第二十一条要求委托方与受托人就处理事项作出约定。',
            ),
            required: true,
            weight: 3,
            points: { yes: 10, no: 0 },
            evidence: 'REQUIRED',
            references: ['PIPL Art. 21'],
            knockout: {
              failWhen: { equals: { question: 'written_entrustment_agreement', value: false } },
              severity: 'CRITICAL',
              finding: localized(
                'The vendor processes personal information on our behalf without a written entrusted processing agreement (PIPL Art. 21).',
                '供应商在没有书面委托处理协议的情况下代表我方处理个人信息（《个人信息保护法》第二十一条）。',
              ),
            },
          },
          {
            key: 'agreement_terms',
            type: 'MULTI_CHOICE',
            text: localized(
              'Which of the following does your standard entrusted processing agreement set out?',
              '贵方的标准委托处理协议约定了以下哪些事项？',
            ),
            required: true,
            weight: 2,
            visibleWhen: { equals: { question: 'written_entrustment_agreement', value: true } },
            options: [
              {
                key: 'purpose',
                label: localized('The purpose of the processing', '委托处理的目的'),
                points: 2,
              },
              {
                key: 'duration',
                label: localized('The duration of the processing', '委托处理的期限'),
                points: 2,
              },
              {
                key: 'method',
                label: localized('The method of processing', '处理方式'),
                points: 2,
              },
              {
                key: 'pi_categories',
                label: localized('The categories of personal information', '个人信息的种类'),
                points: 2,
              },
              {
                key: 'protection_measures',
                label: localized('The protection measures', '保护措施'),
                points: 2,
              },
              {
                key: 'rights_obligations',
                label: localized('The rights and obligations of both parties', '双方的权利和义务'),
                points: 2,
              },
            ],
            references: ['PIPL Art. 21'],
          },
          {
            key: 'processing_as_agreed',
            type: 'BOOLEAN',
            text: localized(
              'Do you process our personal information only for the agreed purpose and in the agreed manner, and never beyond them?',
              '贵方是否仅按照约定的目的和方式处理我方的个人信息，从不超出约定范围？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            references: ['PIPL Art. 21'],
            knockout: {
              failWhen: { equals: { question: 'processing_as_agreed', value: false } },
              severity: 'HIGH',
              finding: localized(
                'The vendor does not commit to processing personal information only as agreed (PIPL Art. 21).',
                '供应商未承诺仅按照约定处理个人信息（《个人信息保护法》第二十一条）。',
              ),
            },
          },
          {
            key: 'end_of_entrustment',
            type: 'SINGLE_CHOICE',
            text: localized(
              'When the entrustment ends, or the agreement does not take effect, is invalid, revoked or terminated, what happens to our personal information?',
              '委托关系终止，或委托合同不生效、无效、被撤销或者终止时，贵方如何处置我方的个人信息？',
            ),
            required: true,
            weight: 2,
            evidence: 'OPTIONAL',
            options: [
              {
                key: 'return_then_delete',
                label: localized(
                  'It is returned to us, then deleted from all systems including backups',
                  '返还给我方，随后从包括备份在内的所有系统中删除',
                ),
                points: 10,
              },
              {
                key: 'delete_with_confirmation',
                label: localized(
                  'It is deleted from all systems including backups, with written confirmation of the deletion',
                  '从包括备份在内的所有系统中删除，并书面确认删除',
                ),
                points: 10,
              },
              {
                key: 'delete_without_confirmation',
                label: localized(
                  'It is deleted, without written confirmation',
                  '予以删除，但不出具书面确认',
                ),
                points: 5,
              },
              {
                key: 'retained',
                label: localized('Some or all of it is retained', '保留部分或全部个人信息'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 21'],
            knockout: {
              failWhen: { in: { question: 'end_of_entrustment', values: ['retained'] } },
              severity: 'HIGH',
              finding: localized(
                'The vendor keeps personal information after the entrustment ends instead of returning or deleting it (PIPL Art. 21).',
                '委托关系终止后，供应商保留个人信息，而未予返还或删除（《个人信息保护法》第二十一条）。',
              ),
            },
          },
          {
            key: 'deletion_days',
            type: 'NUMBER',
            text: localized(
              'Within how many days after the entrustment ends is the personal information deleted, including copies in backups?',
              '委托关系终止后，个人信息（包括备份中的副本）在多少天内删除？',
            ),
            required: true,
            min: 0,
            max: 3650,
            visibleWhen: {
              in: {
                question: 'end_of_entrustment',
                values: [
                  'return_then_delete',
                  'delete_with_confirmation',
                  'delete_without_confirmation',
                ],
              },
            },
            references: ['PIPL Art. 21'],
            knockout: {
              failWhen: { gt: { question: 'deletion_days', value: 90 } },
              severity: 'MEDIUM',
              finding: localized(
                'The vendor takes more than 90 days to delete personal information after the entrustment ends.',
                '委托关系终止后，供应商删除个人信息需要超过 90 天。',
              ),
            },
          },
        ],
      },
      {
        key: 'sub_entrusted_parties',
        title: localized('Sub-entrustment', '转委托'),
        description: localized(
          'PIPL Art. 21: an entrusted party may not entrust the processing to anyone else without our consent.',
          '《个人信息保护法》第二十一条：未经我方同意，受托人不得转委托他人处理个人信息。',
        ),
        weight: 2,
        questions: [
          {
            key: 'sub_entrustment',
            type: 'SINGLE_CHOICE',
            text: localized(
              'Do you entrust any part of the processing of our personal information to other parties (sub-entrustment)?',
              '贵方是否将我方个人信息的任何处理工作转委托给其他方？',
            ),
            required: true,
            weight: 2,
            options: [
              {
                key: 'none',
                label: localized('No', '否'),
                points: 10,
              },
              {
                key: 'specific_consent',
                label: localized(
                  'Yes, only with our prior consent to each sub-entrusted party',
                  '是，每一转委托方均事先征得我方同意',
                ),
                points: 10,
              },
              {
                key: 'general_consent',
                label: localized(
                  'Yes, under a general consent in our agreement, with advance notice to us of changes and a right for us to object',
                  '是，依据双方协议中的概括性同意，并提前告知我方变更、允许我方提出异议',
                ),
                points: 7,
              },
              {
                key: 'without_consent',
                label: localized('Yes, without asking for our consent', '是，且未征得我方同意'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 21'],
            knockout: {
              failWhen: { in: { question: 'sub_entrustment', values: ['without_consent'] } },
              severity: 'HIGH',
              finding: localized(
                'The vendor sub-entrusts the processing of personal information without our consent (PIPL Art. 21).',
                '供应商未经我方同意转委托他人处理个人信息（《个人信息保护法》第二十一条）。',
              ),
            },
          },
          {
            key: 'sub_entrustee_list',
            type: 'BOOLEAN',
            text: localized(
              'Do you keep, and share with us, a current list of sub-entrusted parties with their location and the processing each performs?',
              '贵方是否维护并向我方提供最新的转委托方清单，列明各方所在地及其承担的处理工作？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            evidence: 'REQUIRED',
            visibleWhen: { in: { question: 'sub_entrustment', values: SUB_ENTRUSTS } },
            references: ['PIPL Art. 21'],
          },
          {
            key: 'sub_entrustee_obligations',
            type: 'BOOLEAN',
            text: localized(
              'Do your contracts with sub-entrusted parties impose protection obligations at least as strict as ours, including return or deletion when the processing ends?',
              '贵方与转委托方签订的合同是否规定了不低于我方要求的保护义务，包括处理结束时返还或删除个人信息？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            visibleWhen: { in: { question: 'sub_entrustment', values: SUB_ENTRUSTS } },
            references: ['PIPL Art. 21', 'PIPL Art. 59'],
          },
        ],
      },
      {
        key: 'cross_border',
        title: localized('Cross-border provision', '个人信息出境'),
        description: localized(
          'PIPL Arts. 38-40: providing personal information collected in mainland China to recipients outside it.',
          '《个人信息保护法》第三十八条至第四十条：向中国大陆以外的接收方提供在境内收集的个人信息。',
        ),
        weight: 3,
        questions: [
          {
            key: 'pi_leaves_china',
            type: 'BOOLEAN',
            text: localized(
              'Is any of our personal information stored, accessed or otherwise processed outside mainland China (including Hong Kong, Macao and Taiwan), for example by remote support staff or sub-entrusted parties?',
              '我方的个人信息是否在中国大陆以外（包括香港、澳门和台湾地区）存储、访问或以其他方式处理，例如由远程支持人员或转委托方进行？',
            ),
            help: localized(
              'This answer decides which cross-border questions follow and does not change the score. Remote access from outside mainland China counts as cross-border provision.',
              '本题的回答决定是否需要回答后续的出境问题，不影响得分。从中国大陆以外远程访问个人信息同样属于出境。',
            ),
            required: true,
            // A gate, not a control: either answer can be compliant.
            weight: 0,
            points: { yes: 0, no: 0 },
            references: ['PIPL Art. 38'],
          },
          {
            key: 'overseas_recipients',
            type: 'TEXT',
            text: localized(
              'Name each overseas recipient, its country or region, and the personal information it receives.',
              '请列明每一境外接收方的名称、所在国家或地区及其接收的个人信息。',
            ),
            required: true,
            visibleWhen: { equals: { question: 'pi_leaves_china', value: true } },
            references: ['PIPL Art. 39'],
          },
          {
            key: 'art38_mechanism',
            type: 'SINGLE_CHOICE',
            text: localized(
              'Which condition under PIPL Art. 38 does the provision of personal information outside mainland China rely on?',
              '个人信息出境依据《个人信息保护法》第三十八条规定的哪项条件？',
            ),
            help: localized(
              'Upload the assessment result, the certificate, the filed standard contract, or your analysis of the exemption.',
              '请上传安全评估结果、认证证书、已备案的标准合同，或贵方对豁免情形的分析。',
            ),
            required: true,
            weight: 3,
            evidence: 'REQUIRED',
            visibleWhen: { equals: { question: 'pi_leaves_china', value: true } },
            options: [
              {
                key: 'security_assessment',
                label: localized(
                  'A security assessment organized by the Cyberspace Administration of China',
                  '通过国家网信部门组织的安全评估',
                ),
                points: 10,
              },
              {
                key: 'certification',
                label: localized(
                  'Personal information protection certification by a professional institution',
                  '经专业机构进行个人信息保护认证',
                ),
                points: 10,
              },
              {
                key: 'standard_contract',
                label: localized(
                  'The standard contract issued by the Cyberspace Administration of China, concluded with the overseas recipient and filed',
                  '按照国家网信部门制定的标准合同与境外接收方订立合同并完成备案',
                ),
                points: 10,
              },
              {
                key: 'exemption',
                label: localized(
                  'An exemption under the Provisions on Promoting and Regulating Cross-Border Data Flows (2024)',
                  '适用《促进和规范数据跨境流动规定》（2024 年）规定的豁免情形',
                ),
                points: 8,
              },
              {
                key: 'none',
                label: localized('None of these', '以上均无'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 38'],
            knockout: {
              failWhen: { in: { question: 'art38_mechanism', values: ['none'] } },
              severity: 'CRITICAL',
              finding: localized(
                'Personal information is provided outside mainland China without meeting any condition of PIPL Art. 38.',
                '个人信息出境不具备《个人信息保护法》第三十八条规定的任何条件。',
              ),
            },
          },
          {
            key: 'recipient_protection_standard',
            type: 'BOOLEAN',
            text: localized(
              'Do you take the necessary measures to ensure that overseas recipients protect personal information to the standard PIPL sets?',
              '贵方是否采取必要措施，保障境外接收方处理个人信息的活动达到《个人信息保护法》规定的个人信息保护标准？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            visibleWhen: { equals: { question: 'pi_leaves_china', value: true } },
            references: ['PIPL Art. 38'],
          },
          {
            key: 'separate_consent_information',
            type: 'BOOLEAN',
            text: localized(
              "Do you give us what we need to inform individuals and obtain their separate consent: each overseas recipient's name and contact details, the purpose and method of processing, the categories of personal information, and how individuals can exercise their rights against the recipient?",
              '贵方是否向我方提供告知个人并取得其单独同意所需的信息：境外接收方的名称或者姓名、联系方式、处理目的、处理方式、个人信息的种类，以及个人向境外接收方行使权利的方式和程序？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            visibleWhen: { equals: { question: 'pi_leaves_china', value: true } },
            references: ['PIPL Art. 39'],
          },
          {
            key: 'domestic_storage',
            type: 'SINGLE_CHOICE',
            text: localized(
              'If we are a critical information infrastructure operator, or the volume of personal information we process reaches the threshold set by the Cyberspace Administration of China, can you store the personal information collected and generated in mainland China within mainland China?',
              '如我方属于关键信息基础设施运营者，或我方处理的个人信息达到国家网信部门规定的数量，贵方能否将在中国大陆境内收集和产生的个人信息存储在境内？',
            ),
            required: true,
            weight: 2,
            allowNotApplicable: true,
            visibleWhen: { equals: { question: 'pi_leaves_china', value: true } },
            options: [
              {
                key: 'by_default',
                label: localized(
                  'Yes, it is stored in mainland China by default',
                  '能，默认存储在中国大陆境内',
                ),
                points: 10,
              },
              {
                key: 'on_request',
                label: localized('Yes, on request', '能，可应要求存储在境内'),
                points: 8,
              },
              {
                key: 'cannot',
                label: localized('No', '不能'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 40'],
            knockout: {
              failWhen: { in: { question: 'domestic_storage', values: ['cannot'] } },
              severity: 'HIGH',
              finding: localized(
                'The vendor cannot keep personal information in mainland China where PIPL Art. 40 requires domestic storage.',
                '在《个人信息保护法》第四十条要求境内存储的情况下，供应商无法将个人信息存储在境内。',
              ),
            },
          },
        ],
      },
      {
        key: 'security_measures',
        title: localized('Security measures', '安全保护措施'),
        description: localized(
          'PIPL Arts. 51 and 59: the measures you take to keep the personal information you process for us secure.',
          '《个人信息保护法》第五十一条、第五十九条：贵方为保障受托处理的个人信息安全而采取的措施。',
        ),
        weight: 2,
        questions: [
          {
            key: 'internal_management_rules',
            type: 'BOOLEAN',
            text: localized(
              'Do you have documented internal management rules and operating procedures for personal information?',
              '贵方是否制定了成文的个人信息内部管理制度和操作规程？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'REQUIRED',
            references: ['PIPL Art. 51', 'PIPL Art. 59'],
          },
          {
            key: 'pi_classification',
            type: 'BOOLEAN',
            text: localized(
              'Do you classify the personal information you process, identify sensitive personal information and handle each class accordingly?',
              '贵方是否对所处理的个人信息实行分类管理，识别敏感个人信息并对不同类别采取相应的保护措施？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            references: ['PIPL Art. 51', 'PIPL Art. 28'],
          },
          {
            key: 'technical_measures',
            type: 'MULTI_CHOICE',
            text: localized(
              'Which technical security measures protect our personal information?',
              '贵方采取了哪些技术安全措施保护我方的个人信息？',
            ),
            required: true,
            weight: 2,
            evidence: 'OPTIONAL',
            options: [
              {
                key: 'encryption_in_transit',
                label: localized('Encryption in transit', '传输加密'),
                points: 3,
              },
              {
                key: 'encryption_at_rest',
                label: localized('Encryption at rest', '存储加密'),
                points: 3,
              },
              {
                key: 'de_identification',
                label: localized(
                  'De-identification wherever identifying individuals is not needed',
                  '在无需识别特定个人时进行去标识化处理',
                ),
                points: 2,
              },
              {
                key: 'anonymization',
                label: localized(
                  'Anonymization of data used for analysis or testing',
                  '对用于分析或测试的数据进行匿名化处理',
                ),
                points: 2,
              },
              {
                key: 'none',
                label: localized('None of these', '以上均无'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 51', 'PIPL Art. 73'],
            knockout: {
              failWhen: { in: { question: 'technical_measures', values: ['none'] } },
              severity: 'HIGH',
              finding: localized(
                'The vendor protects personal information with neither encryption nor de-identification (PIPL Art. 51).',
                '供应商既未对个人信息加密，也未进行去标识化处理（《个人信息保护法》第五十一条）。',
              ),
            },
          },
          {
            key: 'least_privilege_access',
            type: 'BOOLEAN',
            text: localized(
              'Do you grant access to personal information on a least-privilege basis and review access rights at least once a year?',
              '贵方是否按最小权限原则授予个人信息的操作权限，并至少每年审查一次？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            references: ['PIPL Art. 51'],
          },
          {
            key: 'staff_training',
            type: 'SINGLE_CHOICE',
            text: localized(
              'How often do staff who handle personal information receive security and personal information protection training?',
              '接触个人信息的员工多久接受一次安全教育和个人信息保护培训？',
            ),
            required: true,
            evidence: 'OPTIONAL',
            options: [
              {
                key: 'at_least_annually',
                label: localized('At least once a year', '至少每年一次'),
                points: 10,
              },
              {
                key: 'on_joining_only',
                label: localized('Only when they join', '仅在入职时'),
                points: 4,
              },
              {
                key: 'none',
                label: localized('There is no regular training', '没有定期培训'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 51'],
          },
        ],
      },
      {
        key: 'impact_assessment',
        title: localized(
          'Personal information protection impact assessment',
          '个人信息保护影响评估',
        ),
        description: localized(
          'PIPL Arts. 55 and 56: assessing processing with a major impact on individuals in advance, and keeping the records.',
          '《个人信息保护法》第五十五条、第五十六条：事前评估对个人权益有重大影响的处理活动，并保存相关记录。',
        ),
        weight: 2,
        questions: [
          {
            key: 'pipia_performed',
            type: 'BOOLEAN',
            text: localized(
              'Do you carry out a personal information protection impact assessment before the processing PIPL Art. 55 lists, and record the processing?',
              '对于《个人信息保护法》第五十五条所列的处理活动，贵方是否事前进行个人信息保护影响评估，并对处理情况进行记录？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            references: ['PIPL Art. 55'],
          },
          {
            key: 'pipia_triggers',
            type: 'MULTI_CHOICE',
            text: localized(
              'Which situations does your assessment procedure cover?',
              '贵方的评估程序涵盖以下哪些情形？',
            ),
            required: true,
            weight: 2,
            visibleWhen: { equals: { question: 'pipia_performed', value: true } },
            options: [
              {
                key: 'sensitive_pi',
                label: localized('Processing sensitive personal information', '处理敏感个人信息'),
                points: 2,
              },
              {
                key: 'automated_decisions',
                label: localized(
                  'Automated decision-making using personal information',
                  '利用个人信息进行自动化决策',
                ),
                points: 2,
              },
              {
                key: 'entrust_provide_disclose',
                label: localized(
                  'Entrusting processing, providing personal information to another handler, or disclosing it publicly',
                  '委托处理个人信息、向其他个人信息处理者提供个人信息、公开个人信息',
                ),
                points: 2,
              },
              {
                key: 'cross_border',
                label: localized(
                  'Providing personal information outside mainland China',
                  '向境外提供个人信息',
                ),
                points: 2,
              },
              {
                key: 'other_major_impact',
                label: localized(
                  "Other processing with a major impact on individuals' rights and interests",
                  '其他对个人权益有重大影响的个人信息处理活动',
                ),
                points: 2,
              },
            ],
            references: ['PIPL Art. 55'],
          },
          {
            key: 'pipia_contents',
            type: 'MULTI_CHOICE',
            text: localized('What does each assessment evaluate?', '每次评估包括哪些内容？'),
            required: true,
            weight: 2,
            visibleWhen: { equals: { question: 'pipia_performed', value: true } },
            options: [
              {
                key: 'lawfulness_necessity',
                label: localized(
                  'Whether the purpose and method of processing are lawful, legitimate and necessary',
                  '个人信息的处理目的、处理方式等是否合法、正当、必要',
                ),
                points: 3,
              },
              {
                key: 'rights_impact_risks',
                label: localized(
                  "The impact on individuals' rights and interests, and the security risks",
                  '对个人权益的影响及安全风险',
                ),
                points: 3,
              },
              {
                key: 'proportionate_measures',
                label: localized(
                  'Whether the protection measures are lawful, effective and proportionate to the risk',
                  '所采取的保护措施是否合法、有效并与风险程度相适应',
                ),
                points: 3,
              },
            ],
            references: ['PIPL Art. 56'],
          },
          {
            key: 'pipia_retention_years',
            type: 'NUMBER',
            text: localized(
              'For how many years do you keep assessment reports and processing records?',
              '个人信息保护影响评估报告和处理情况记录保存多少年？',
            ),
            required: true,
            min: 0,
            max: 100,
            visibleWhen: { equals: { question: 'pipia_performed', value: true } },
            references: ['PIPL Art. 56'],
            knockout: {
              failWhen: { lt: { question: 'pipia_retention_years', value: 3 } },
              severity: 'MEDIUM',
              finding: localized(
                'Impact assessment reports and processing records are kept for less than the three years PIPL Art. 56 requires.',
                '个人信息保护影响评估报告和处理情况记录的保存期限少于《个人信息保护法》第五十六条要求的三年。',
              ),
            },
          },
        ],
      },
      {
        key: 'incidents',
        title: localized('Security incidents and notification', '个人信息安全事件与通知'),
        description: localized(
          'PIPL Arts. 51 and 57: being ready for personal information to be leaked, tampered with or lost, and telling those who must know.',
          '《个人信息保护法》第五十一条、第五十七条：为个人信息泄露、篡改、丢失做好准备，并及时通知应当知悉的各方。',
        ),
        weight: 3,
        questions: [
          {
            key: 'incident_response_plan',
            type: 'BOOLEAN',
            text: localized(
              'Do you have a personal information security incident response plan, and do you rehearse it?',
              '贵方是否制定了个人信息安全事件应急预案并定期组织演练？',
            ),
            required: true,
            weight: 2,
            points: { yes: 10, no: 0 },
            evidence: 'REQUIRED',
            references: ['PIPL Art. 51'],
          },
          {
            key: 'breach_notification_procedure',
            type: 'BOOLEAN',
            text: localized(
              'Do you have a documented procedure to take remedial measures immediately and notify us when our personal information is, or may have been, leaked, tampered with or lost?',
              '贵方是否有成文程序，在我方个人信息发生或者可能发生泄露、篡改、丢失时，立即采取补救措施并通知我方？',
            ),
            required: true,
            weight: 3,
            points: { yes: 10, no: 0 },
            evidence: 'OPTIONAL',
            references: ['PIPL Art. 57', 'PIPL Art. 59'],
            knockout: {
              failWhen: { equals: { question: 'breach_notification_procedure', value: false } },
              severity: 'CRITICAL',
              finding: localized(
                'The vendor has no procedure to notify us when personal information is leaked, tampered with or lost (PIPL Art. 57).',
                '供应商没有在个人信息发生泄露、篡改、丢失时通知我方的程序（《个人信息保护法》第五十七条）。',
              ),
            },
          },
          {
            key: 'notification_hours',
            type: 'NUMBER',
            text: localized(
              'Within how many hours of discovering an incident do you commit to notify us?',
              '贵方承诺在发现事件后多少小时内通知我方？',
            ),
            help: localized(
              'PIPL Art. 57 requires notification immediately, and we notify the authorities and the individuals ourselves, so we expect to hear from you within 24 hours.',
              '《个人信息保护法》第五十七条要求立即通知，且由我方通知主管部门和个人，因此我们期望在 24 小时内收到贵方的通知。',
            ),
            required: true,
            weight: 2,
            min: 0,
            max: 8760,
            visibleWhen: { equals: { question: 'breach_notification_procedure', value: true } },
            references: ['PIPL Art. 57'],
            knockout: {
              failWhen: { gt: { question: 'notification_hours', value: 24 } },
              severity: 'HIGH',
              finding: localized(
                'The vendor commits to notify us of a personal information incident only after more than 24 hours.',
                '供应商承诺的个人信息安全事件通知时限超过 24 小时。',
              ),
            },
          },
          {
            key: 'notice_contents',
            type: 'MULTI_CHOICE',
            text: localized(
              'What does your notice of an incident include?',
              '贵方的事件通知包含哪些内容？',
            ),
            required: true,
            weight: 2,
            visibleWhen: { equals: { question: 'breach_notification_procedure', value: true } },
            options: [
              {
                key: 'categories_cause_harm',
                label: localized(
                  'The categories of personal information involved, the cause and the possible harm',
                  '发生或者可能发生泄露、篡改、丢失的个人信息种类、原因和可能造成的危害',
                ),
                points: 3,
              },
              {
                key: 'remedial_measures',
                label: localized(
                  'The remedial measures taken, and what individuals can do to reduce the harm',
                  '已采取的补救措施和个人可以采取的减轻危害的措施',
                ),
                points: 3,
              },
              {
                key: 'contact',
                label: localized(
                  'A contact for questions about the incident',
                  '负责处理该事件的联系方式',
                ),
                points: 2,
              },
            ],
            references: ['PIPL Art. 57'],
          },
        ],
      },
      {
        key: 'governance',
        title: localized('Governance', '治理'),
        description: localized(
          'PIPL Arts. 52 and 54: who answers for personal information protection, and how compliance is checked.',
          '《个人信息保护法》第五十二条、第五十四条：个人信息保护的责任人以及合规情况的审计。',
        ),
        weight: 1,
        questions: [
          {
            key: 'pi_protection_officer',
            type: 'BOOLEAN',
            text: localized(
              'Have you designated a personal information protection officer and published their contact details?',
              '贵方是否指定了个人信息保护负责人并公开其联系方式？',
            ),
            required: true,
            points: { yes: 5, no: 0 },
            evidence: 'OPTIONAL',
            references: ['PIPL Art. 52'],
          },
          {
            key: 'compliance_audit',
            type: 'SINGLE_CHOICE',
            text: localized(
              'How often do you audit your compliance with personal information protection laws and regulations?',
              '贵方多久对处理个人信息遵守法律、行政法规的情况进行一次合规审计？',
            ),
            required: true,
            evidence: 'OPTIONAL',
            options: [
              {
                key: 'annually',
                label: localized('At least once a year', '至少每年一次'),
                points: 10,
              },
              {
                key: 'every_two_years',
                label: localized('Every two years', '每两年一次'),
                points: 6,
              },
              {
                key: 'less_often',
                label: localized('Less often', '间隔更长'),
                points: 2,
              },
              {
                key: 'never',
                label: localized('Never', '从未进行'),
                points: 0,
              },
            ],
            references: ['PIPL Art. 54'],
          },
        ],
      },
    ],
  },
};
