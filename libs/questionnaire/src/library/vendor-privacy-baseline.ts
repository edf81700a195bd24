import type { Condition } from '../definition/condition.js';
import type { TemplateDefinitionInput } from '../definition/definition.schema.js';
import type { LibraryTemplate } from './library-template.js';

/*
 * Original questions written by the Assay team; no licensed questionnaire
 * text (SIG, CAIQ, VSAQ) is used. References name the provision a question
 * tests, so a reviewer can check the answer against the law or standard.
 *
 * The first section only routes: its questions weigh 0 and score 0 either
 * way, and later sections show follow-ups depending on its answers
 * (conditions may read only earlier questions).
 */

type SectionInput = TemplateDefinitionInput['sections'][number];

function t(en: string, zhCN: string): { en: string; 'zh-CN': string } {
  return { en, 'zh-CN': zhCN };
}

const isYes = (question: string): Condition => ({ equals: { question, value: true } });
const isNo = (question: string): Condition => ({ equals: { question, value: false } });
const isOneOf = (question: string, ...values: string[]): Condition => ({
  in: { question, values },
});

const CHINA_DATA = isOneOf('data_jurisdictions', 'mainland_china');
const EU_DATA = isOneOf('data_jurisdictions', 'eu_eea');
const CALIFORNIA_DATA = isOneOf('data_jurisdictions', 'california');

const PROCESSING_SCOPE: SectionInput = {
  key: 'processing_scope',
  title: t('Scope of processing', '处理范围'),
  description: t(
    'These answers decide which follow-up questions you see. They are not scored.',
    '以下回答决定后续显示哪些问题，本部分不计分。',
  ),
  weight: 0,
  questions: [
    {
      key: 'data_jurisdictions',
      type: 'MULTI_CHOICE',
      text: t(
        'Where are the individuals located whose personal information you will process for us?',
        '贵方将为我方处理的个人信息，其所涉个人位于哪些国家或地区？',
      ),
      help: t(
        'Select every region that applies. The answer decides which legal questions follow (PIPL, GDPR, CCPA/CPRA).',
        '请选择所有适用的地区。所选地区决定后续需回答的法律合规问题（《个人信息保护法》、GDPR、CCPA/CPRA）。',
      ),
      required: true,
      weight: 0,
      options: [
        {
          key: 'mainland_china',
          label: t('Mainland China', '中国境内（不含港澳台地区）'),
          points: 0,
        },
        {
          key: 'eu_eea',
          label: t('European Union or European Economic Area', '欧盟或欧洲经济区'),
          points: 0,
        },
        { key: 'california', label: t('California, United States', '美国加利福尼亚州'), points: 0 },
        { key: 'other', label: t('Other countries or regions', '其他国家或地区'), points: 0 },
      ],
      references: ['PIPL Art. 3', 'GDPR Art. 3', 'CCPA §1798.140(i)'],
    },
    {
      key: 'processes_sensitive_pi',
      type: 'BOOLEAN',
      text: t(
        'Will you process sensitive personal information for us: biometrics, religious beliefs, specific identities, medical health, financial accounts, location tracking or personal information of minors under 14 (PIPL Art. 28), special categories of personal data (GDPR Art. 9) or sensitive personal information as defined by the CCPA?',
        '贵方是否会为我方处理敏感个人信息，包括生物识别、宗教信仰、特定身份、医疗健康、金融账户、行踪轨迹以及不满十四周岁未成年人的个人信息（《个人信息保护法》第二十八条），GDPR 第 9 条规定的特殊类别个人数据，或 CCPA 所定义的敏感个人信息？',
      ),
      help: t(
        'Answer yes if any such information can reach your systems, even occasionally, for example in support tickets or uploaded files.',
        '只要此类信息可能进入贵方系统（即使是偶发情况，例如出现在客服工单或上传的文件中），即应回答“是”。',
      ),
      required: true,
      weight: 0,
      points: { yes: 0, no: 0 },
      references: ['PIPL Art. 28', 'GDPR Art. 9', 'CCPA §1798.140(ae)'],
    },
    {
      key: 'cross_border_processing',
      type: 'BOOLEAN',
      text: t(
        'Is personal information stored or accessed outside the country or region where it was collected, including remote access by your staff, affiliates or sub-processors?',
        '个人信息是否会在其收集地所在国家或地区以外存储或被访问（包括贵方员工、关联公司或次级处理者的远程访问）？',
      ),
      help: t(
        'For personal information collected in mainland China, viewing or accessing it from outside mainland China, for example by an overseas support team, also counts as providing it abroad.',
        '对于在中国境内收集的个人信息，境外人员（例如境外技术支持团队）查看或访问该信息，同样构成个人信息出境。',
      ),
      required: true,
      weight: 0,
      points: { yes: 0, no: 0 },
      references: ['PIPL Art. 38', 'GDPR Art. 44'],
    },
    {
      key: 'uses_subprocessors',
      type: 'BOOLEAN',
      text: t(
        'Do you use sub-processors (other companies, including cloud hosting providers and affiliates) that process or can access the personal information you process for us?',
        '贵方是否使用次级处理者（即其他公司，包括云服务提供商和关联公司）处理或能够访问贵方为我方处理的个人信息？',
      ),
      required: true,
      weight: 0,
      points: { yes: 0, no: 0 },
      references: ['GDPR Art. 28(2)', 'PIPL Art. 21', 'ISO/IEC 27701:2019 8.5.6'],
    },
  ],
};

const GOVERNANCE: SectionInput = {
  key: 'governance',
  title: t('Governance and privacy policy', '治理与隐私政策'),
  description: t(
    'Who owns information security and personal information protection, and how the rules are written down and reviewed.',
    '信息安全和个人信息保护的职责归属，以及相关制度的制定和审查。',
  ),
  weight: 2,
  questions: [
    {
      key: 'infosec_policy',
      type: 'BOOLEAN',
      text: t(
        'Do you have a written information security policy, approved by management and reviewed at least once a year?',
        '贵方是否制定了经管理层批准、且至少每年审查一次的书面信息安全策略？',
      ),
      help: t(
        'Attach the policy, or its table of contents showing the approval and last review dates.',
        '请上传该策略文件，或附有批准日期和最近审查日期的目录页。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'REQUIRED',
      references: [
        'ISO/IEC 27001:2022 A.5.1',
        'Cybersecurity Law Art. 21',
        'Data Security Law Art. 27',
      ],
    },
    {
      key: 'privacy_policy',
      type: 'BOOLEAN',
      text: t(
        'Do you have a written internal policy for protecting personal information that covers its whole lifecycle, from collection to deletion?',
        '贵方是否制定了覆盖个人信息全生命周期（从收集到删除）的书面内部个人信息保护制度？',
      ),
      help: t(
        'We mean the internal rules your staff follow, not the privacy notice published on your website.',
        '此处指贵方员工须遵守的内部管理制度和操作规程，而非网站上公开的隐私政策。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'REQUIRED',
      references: ['PIPL Art. 51(1)', 'GDPR Art. 24(2)', 'ISO/IEC 27001:2022 A.5.34'],
    },
    {
      key: 'privacy_officer',
      type: 'BOOLEAN',
      text: t(
        'Have you appointed a named person responsible for personal information protection (a personal information protection officer or data protection officer) with the authority to act?',
        '贵方是否已指定具体人员担任个人信息保护负责人（或数据保护官），并赋予其相应的履职权限？',
      ),
      help: t(
        'PIPL Art. 52 requires a personal information protection officer once the volume set by the Cyberspace Administration of China is reached; GDPR Art. 37 requires a data protection officer in certain cases. Give the name and contact details in the comment.',
        '《个人信息保护法》第五十二条要求处理个人信息达到国家网信部门规定数量的处理者指定个人信息保护负责人；GDPR 第 37 条在特定情形下要求指定数据保护官。请在备注中注明负责人姓名及联系方式。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['PIPL Art. 52', 'GDPR Art. 37', 'ISO/IEC 27001:2022 A.5.2'],
    },
    {
      key: 'process_on_instructions',
      type: 'BOOLEAN',
      text: t(
        'Do you process the personal information you receive from us only on our documented instructions and only to provide the contracted service, never for your own purposes?',
        '贵方是否仅根据我方的书面指示、且仅为提供合同约定的服务而处理从我方获得的个人信息，绝不用于贵方自身目的？',
      ),
      help: t(
        "Your own purposes include marketing, profiling, selling or sharing the information, and combining it with other customers' data.",
        '自身目的包括营销、用户画像、出售或共享个人信息，以及将其与其他客户的数据合并使用等。',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: ['GDPR Art. 28(3)(a)', 'GDPR Art. 29', 'PIPL Art. 21', 'CCPA §1798.140(ag)'],
      knockout: {
        failWhen: isNo('process_on_instructions'),
        severity: 'CRITICAL',
        finding: t(
          'The vendor does not limit its processing of our personal information to our documented instructions, which goes beyond the role of an entrusted processor.',
          '供应商未将对我方个人信息的处理限定在我方书面指示范围内，超出了受托处理者的权限。',
        ),
      },
    },
    {
      key: 'ai_training_use',
      type: 'BOOLEAN',
      text: t(
        "Is the personal information you process for us excluded from training or improving machine-learning or AI models, yours or anyone else's, unless we have agreed to it in writing?",
        '除非我方书面同意，贵方是否确保为我方处理的个人信息不会被用于训练或改进任何机器学习或人工智能模型（无论是贵方还是第三方的模型）？',
      ),
      help: t(
        'Answer yes if you do not use machine-learning or AI models at all.',
        '如贵方完全不使用机器学习或人工智能模型，请回答“是”。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['GDPR Art. 28(3)(a)', 'PIPL Art. 21', 'CCPA §1798.140(ag)'],
    },
    {
      key: 'compliance_audit',
      type: 'BOOLEAN',
      text: t(
        'Do you audit your personal information processing for compliance with the law at least once a year, internally or through an independent auditor?',
        '贵方是否至少每年一次对个人信息处理活动开展合规审计（内部审计或由独立第三方审计）？',
      ),
      help: t(
        'PIPL Art. 54 requires regular compliance audits. Attach a summary of the latest audit if you can share it.',
        '《个人信息保护法》第五十四条要求定期开展合规审计。如可提供，请上传最近一次审计的结论摘要。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['PIPL Art. 54', 'ISO/IEC 27001:2022 A.5.35', 'GDPR Art. 32(1)(d)'],
    },
    {
      key: 'customer_audit_rights',
      type: 'BOOLEAN',
      text: t(
        'Will you give us the information needed to demonstrate your compliance, and allow audits or inspections by us or an auditor we appoint?',
        '贵方是否会向我方提供证明其合规所需的信息，并允许我方或我方委托的审计机构进行审计或现场检查？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['GDPR Art. 28(3)(h)', 'PIPL Art. 21', 'CCPA §1798.100(d)'],
    },
  ],
};

const LEGAL_COMPLIANCE: SectionInput = {
  key: 'legal_compliance',
  title: t('Legal compliance', '法律合规'),
  description: t(
    "Obligations under China's Personal Information Protection Law, Cybersecurity Law and Data Security Law, the GDPR and the CCPA/CPRA.",
    '《个人信息保护法》《网络安全法》《数据安全法》、GDPR 及 CCPA/CPRA 规定的义务。',
  ),
  weight: 2,
  questions: [
    {
      key: 'dpa_signing',
      type: 'BOOLEAN',
      text: t(
        'Will you sign a data processing agreement with us that covers what each applicable law requires of a processor: an entrusted processing agreement under PIPL Art. 21, the processor terms of GDPR Art. 28(3) and the CCPA service-provider terms?',
        '贵方是否愿意与我方签订数据处理协议，涵盖各适用法律对受托处理方的要求，即《个人信息保护法》第二十一条规定的委托处理协议、GDPR 第 28 条第 3 款规定的处理者条款以及 CCPA 规定的服务提供商条款？',
      ),
      help: t(
        "Attach your standard data processing agreement if you have one. A PIPL entrusted processing agreement sets out the purpose, period and method of processing, the categories of personal information, the protection measures and both parties' rights and obligations.",
        '如贵方有标准数据处理协议，请上传。《个人信息保护法》下的委托处理协议应约定委托处理的目的、期限、处理方式、个人信息的种类、保护措施以及双方的权利和义务。',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['PIPL Art. 21', 'GDPR Art. 28(3)', 'CCPA §1798.100(d)', '11 CCR §7051(a)'],
      knockout: {
        failWhen: isNo('dpa_signing'),
        severity: 'CRITICAL',
        finding: t(
          'The vendor will not sign a data processing agreement with the terms the law requires, so personal information cannot lawfully be entrusted to it.',
          '供应商不同意签订包含法定条款的数据处理协议，我方无法依法委托其处理个人信息。',
        ),
      },
    },
    {
      key: 'sensitive_pi_categories',
      type: 'MULTI_CHOICE',
      text: t(
        'Which kinds of sensitive personal information will you process?',
        '贵方将处理哪些类型的敏感个人信息？',
      ),
      help: t(
        'This answer describes the processing and is not scored.',
        '本题用于说明处理情况，不计分。',
      ),
      required: true,
      weight: 0,
      visibleWhen: isYes('processes_sensitive_pi'),
      options: [
        {
          key: 'biometrics',
          label: t(
            'Biometric information (such as face, fingerprint or voiceprint)',
            '生物识别信息（如人脸、指纹、声纹）',
          ),
          points: 0,
        },
        { key: 'religious_beliefs', label: t('Religious beliefs', '宗教信仰'), points: 0 },
        {
          key: 'specific_identity',
          label: t('Specific identities (such as disability status)', '特定身份（如残障人士身份）'),
          points: 0,
        },
        {
          key: 'medical_health',
          label: t('Medical and health information', '医疗健康信息'),
          points: 0,
        },
        {
          key: 'financial_accounts',
          label: t(
            'Financial accounts (such as bank card numbers or payment account details)',
            '金融账户信息（如银行卡号、支付账户信息）',
          ),
          points: 0,
        },
        { key: 'location_tracking', label: t('Location tracking', '行踪轨迹'), points: 0 },
        {
          key: 'minors_under_14',
          label: t('Personal information of minors under 14', '不满十四周岁未成年人的个人信息'),
          points: 0,
        },
        {
          key: 'gdpr_special_categories',
          label: t(
            'Other special categories under GDPR Art. 9 (racial or ethnic origin, political opinions, trade union membership, genetic data, sex life or sexual orientation)',
            'GDPR 第 9 条规定的其他特殊类别（种族或民族出身、政治观点、工会会员身份、基因数据、性生活或性取向）',
          ),
          points: 0,
        },
        {
          key: 'government_identifiers',
          label: t(
            'Government identifiers (such as ID card, passport or social security numbers)',
            '政府签发的身份标识（如身份证号、护照号、社会保障号）',
          ),
          points: 0,
        },
      ],
      references: ['PIPL Art. 28', 'GDPR Art. 9(1)', 'CCPA §1798.140(ae)'],
    },
    {
      key: 'sensitive_pi_necessity',
      type: 'BOOLEAN',
      text: t(
        'Do you process sensitive personal information only for a specific purpose with sufficient necessity, and under stricter protection than other personal information (such as narrower access and additional encryption)?',
        '贵方是否仅在具有特定目的和充分必要性的情况下处理敏感个人信息，并采取比一般个人信息更严格的保护措施（如更严格的访问权限和额外加密）？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('processes_sensitive_pi'),
      references: ['PIPL Art. 28', 'PIPL Art. 51', 'GDPR Art. 5(1)(c)', 'GDPR Art. 32'],
    },
    {
      key: 'sensitive_pi_separate_consent',
      type: 'BOOLEAN',
      text: t(
        'Where you collect sensitive personal information directly from individuals, do you obtain their separate consent and tell them why the processing is necessary and how it affects their rights and interests?',
        '如贵方直接向个人收集敏感个人信息，是否取得个人的单独同意，并告知处理敏感个人信息的必要性以及对个人权益的影响？',
      ),
      help: t(
        'Choose not applicable if only we collect the information and you receive it from us.',
        '如个人信息仅由我方收集、贵方从我方获得，请选择“不适用”。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      allowNotApplicable: true,
      visibleWhen: isYes('processes_sensitive_pi'),
      references: ['PIPL Art. 29', 'PIPL Art. 30', 'GDPR Art. 9(2)(a)'],
    },
    {
      key: 'sensitive_pi_pia',
      type: 'BOOLEAN',
      text: t(
        'Have you carried out a personal information protection impact assessment (or a GDPR data protection impact assessment) for your processing of sensitive personal information, and do you keep the report for at least three years?',
        '贵方是否已就处理敏感个人信息开展个人信息保护影响评估（或 GDPR 下的数据保护影响评估），并将评估报告至少保存三年？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      visibleWhen: isYes('processes_sensitive_pi'),
      references: ['PIPL Art. 55', 'PIPL Art. 56', 'GDPR Art. 35'],
    },
    {
      key: 'minors_guardian_consent',
      type: 'BOOLEAN',
      text: t(
        "For personal information of minors under 14, do you obtain, or help us obtain, a parent's or guardian's consent, and follow dedicated handling rules for it?",
        '对于不满十四周岁未成年人的个人信息，贵方是否取得（或协助我方取得）其父母或其他监护人的同意，并制定专门的个人信息处理规则？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: isOneOf('sensitive_pi_categories', 'minors_under_14'),
      references: ['PIPL Art. 31', 'GDPR Art. 8'],
    },
    {
      key: 'important_data',
      type: 'BOOLEAN',
      text: t(
        'Have you checked, against the Data Security Law classification rules and the applicable important data catalogues, whether any data you process for us is important data, and where it is, do you meet the extra obligations (a named data security officer and body, and regular risk assessments)?',
        '贵方是否已依据《数据安全法》的数据分类分级要求及适用的重要数据目录，识别为我方处理的数据中是否包含重要数据；如包含，是否已履行明确数据安全负责人和管理机构、定期开展风险评估等额外义务？',
      ),
      help: t(
        'Answer yes if you have checked and found no important data.',
        '如经识别不含重要数据，请回答“是”。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: CHINA_DATA,
      references: [
        'Data Security Law Art. 21',
        'Data Security Law Art. 27',
        'Data Security Law Art. 30',
      ],
    },
    {
      key: 'foreign_authority_requests',
      type: 'BOOLEAN',
      text: t(
        'Do you have a procedure for requests from courts, law enforcement or other authorities for the personal information you process for us, under which you tell us about the request where the law allows, disclose no more than is legally required, and do not provide data stored in mainland China to foreign judicial or law enforcement bodies without the approval of the competent Chinese authorities?',
        '对于法院、执法机关或其他主管机关调取贵方为我方处理的个人信息的请求，贵方是否有相应处理程序：在法律允许时告知我方，仅披露法律要求的最少信息，并且未经中国主管机关批准，不向外国司法或执法机构提供存储于中国境内的数据？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'PIPL Art. 41',
        'Data Security Law Art. 36',
        'GDPR Art. 48',
        'ISO/IEC 27701:2019 8.5.4',
        'ISO/IEC 27701:2019 8.5.5',
      ],
    },
    {
      key: 'ccpa_service_provider',
      type: 'BOOLEAN',
      text: t(
        'Do you commit, as a CCPA service provider, not to sell or share the personal information, not to retain, use or disclose it outside our direct business relationship, and not to combine it with personal information from other sources except as the regulations allow?',
        '贵方是否承诺作为 CCPA 下的服务提供商，不出售或共享相关个人信息，不在与我方的直接业务关系之外保留、使用或披露该信息，并且除法规允许的情形外，不将其与其他来源的个人信息合并？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      visibleWhen: CALIFORNIA_DATA,
      references: ['CCPA §1798.140(ag)', 'CCPA §1798.100(d)', '11 CCR §7051(a)'],
    },
  ],
};

const PERSONNEL: SectionInput = {
  key: 'personnel',
  title: t('Confidentiality and personnel', '保密与人员管理'),
  description: t(
    'Confidentiality commitments, screening and training of the people who can access personal information.',
    '可访问个人信息人员的保密承诺、背景审查与培训。',
  ),
  weight: 2,
  questions: [
    {
      key: 'staff_confidentiality',
      type: 'BOOLEAN',
      text: t(
        'Are all employees and contractors who can access personal information bound by a written confidentiality or non-disclosure agreement that continues after they leave?',
        '所有可访问个人信息的员工和外包人员是否均签署了书面保密协议，且保密义务在其离职后继续有效？',
      ),
      help: t(
        'Attach your template agreement or the confidentiality clause of your employment contract.',
        '请上传保密协议模板或劳动合同中的保密条款。',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['GDPR Art. 28(3)(b)', 'ISO/IEC 27001:2022 A.6.6', 'Cybersecurity Law Art. 40'],
    },
    {
      key: 'background_checks',
      type: 'BOOLEAN',
      text: t(
        'Do you run background checks, as far as local law permits, before giving anyone access to personal information or a key security role?',
        '在授予人员个人信息访问权限或任命其担任关键安全岗位之前，贵方是否在当地法律允许的范围内对其进行背景审查？',
      ),
      help: t(
        'Cybersecurity Law Art. 34 requires security background checks for key positions at critical information infrastructure operators; ISO/IEC 27001 expects screening of everyone in proportion to the risk.',
        '《网络安全法》第三十四条要求关键信息基础设施运营者对关键岗位人员进行安全背景审查；ISO/IEC 27001 要求根据风险对所有人员进行相应的背景审查。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['ISO/IEC 27001:2022 A.6.1', 'Cybersecurity Law Art. 34'],
    },
    {
      key: 'security_training',
      type: 'BOOLEAN',
      text: t(
        'Do all staff with access to personal information receive privacy and security training when they join and at least once a year after that?',
        '所有可访问个人信息的员工是否在入职时接受隐私与安全培训，此后每年至少再培训一次？',
      ),
      help: t(
        "Attach the training outline or the previous year's completion records if available.",
        '如有，请上传培训大纲或上一年度的培训完成记录。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['PIPL Art. 51(4)', 'Data Security Law Art. 27', 'ISO/IEC 27001:2022 A.6.3'],
    },
    {
      key: 'training_assessment',
      type: 'BOOLEAN',
      text: t(
        'Does the training end with a test that staff must pass, and do you track who has completed it?',
        '培训结束时是否设有员工必须通过的考核，贵方是否记录并跟踪培训完成情况？',
      ),
      required: true,
      weight: 1,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('security_training'),
      references: [
        'Cybersecurity Law Art. 34',
        'ISO/IEC 27001:2022 7.2',
        'ISO/IEC 27001:2022 A.6.3',
      ],
    },
    {
      key: 'offboarding_access',
      type: 'BOOLEAN',
      text: t(
        'When someone leaves or changes role, is their access to personal information removed within one working day, and are company devices and data returned?',
        '人员离职或调岗时，贵方是否在一个工作日内撤销其个人信息访问权限，并收回公司设备和数据？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'ISO/IEC 27001:2022 A.5.11',
        'ISO/IEC 27001:2022 A.5.18',
        'ISO/IEC 27001:2022 A.6.5',
      ],
    },
  ],
};

const ENCRYPTION: SectionInput = {
  key: 'encryption',
  title: t('Encryption and key management', '加密与密钥管理'),
  description: t(
    'How personal information is encrypted in transit and at rest, and how the keys are managed.',
    '个人信息在传输和存储过程中的加密保护，以及密钥的管理方式。',
  ),
  weight: 3,
  questions: [
    {
      key: 'encryption_in_transit',
      type: 'BOOLEAN',
      text: t(
        'Is all personal information encrypted in transit over public networks using TLS 1.2 or later (or an equally strong protocol)?',
        '所有个人信息在公共网络上传输时是否均使用 TLS 1.2 或更高版本（或同等强度的协议）加密？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: [
        'GDPR Art. 32(1)(a)',
        'PIPL Art. 51(3)',
        'ISO/IEC 27001:2022 A.8.24',
        'ISO/IEC 27001:2022 A.5.14',
      ],
      knockout: {
        failWhen: isNo('encryption_in_transit'),
        severity: 'CRITICAL',
        finding: t(
          'Personal information travels over public networks without encryption.',
          '个人信息在公共网络中以未加密方式传输。',
        ),
      },
    },
    {
      key: 'min_tls_version',
      type: 'SINGLE_CHOICE',
      text: t(
        'What is the oldest TLS version your internet-facing endpoints accept?',
        '贵方面向互联网的服务端点最低接受哪个 TLS 版本？',
      ),
      required: true,
      weight: 1,
      visibleWhen: isYes('encryption_in_transit'),
      options: [
        { key: 'tls_1_3', label: t('TLS 1.3', 'TLS 1.3'), points: 10 },
        { key: 'tls_1_2', label: t('TLS 1.2', 'TLS 1.2'), points: 8 },
        { key: 'tls_1_1_or_older', label: t('TLS 1.1 or older', 'TLS 1.1 或更早版本'), points: 0 },
      ],
      references: ['NIST SP 800-52 Rev. 2', 'ISO/IEC 27001:2022 A.8.24'],
      flag: {
        when: isOneOf('min_tls_version', 'tls_1_1_or_older'),
        severity: 'HIGH',
        finding: t(
          'Internet-facing endpoints still accept TLS 1.1 or older, which NIST SP 800-52 Rev. 2 no longer allows; ask for a date to retire them.',
          '面向互联网的服务端点仍接受 TLS 1.1 或更早版本，NIST SP 800-52 Rev. 2 已不再允许使用；请要求供应商给出停用日期。',
        ),
      },
    },
    {
      key: 'encryption_at_rest',
      type: 'BOOLEAN',
      text: t(
        'Is personal information encrypted at rest wherever it is stored, including databases, file storage, backups and laptops, with a strong algorithm such as AES-256 or SM4?',
        '个人信息在所有存储位置（包括数据库、文件存储、备份和笔记本电脑）是否均使用 AES-256 或 SM4 等高强度算法进行加密存储？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: [
        'GDPR Art. 32(1)(a)',
        'PIPL Art. 51(3)',
        'Cybersecurity Law Art. 21',
        'ISO/IEC 27001:2022 A.8.24',
      ],
      knockout: {
        failWhen: isNo('encryption_at_rest'),
        severity: 'HIGH',
        finding: t(
          'Personal information is stored without encryption at rest.',
          '个人信息未加密存储。',
        ),
      },
    },
    {
      key: 'sensitive_field_encryption',
      type: 'BOOLEAN',
      text: t(
        'Is sensitive personal information further protected at field level, by application-level encryption, tokenisation, masking or de-identification?',
        '敏感个人信息是否还在字段级别通过应用层加密、令牌化、脱敏或去标识化等措施加以保护？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('processes_sensitive_pi'),
      references: [
        'PIPL Art. 51(3)',
        'PIPL Art. 73',
        'GDPR Art. 32(1)(a)',
        'ISO/IEC 27001:2022 A.8.11',
      ],
    },
    {
      key: 'key_management',
      type: 'SINGLE_CHOICE',
      text: t(
        'How are the encryption keys that protect personal information managed?',
        '用于保护个人信息的加密密钥如何管理？',
      ),
      required: true,
      weight: 2,
      options: [
        {
          key: 'kms_hsm',
          label: t(
            'In a hardware security module or a managed key service, with scheduled rotation, separation of duties and logged key access',
            '存放于硬件安全模块（HSM）或托管密钥管理服务（KMS）中，定期轮换、职责分离，且密钥访问留有日志',
          ),
          points: 10,
        },
        {
          key: 'documented_software',
          label: t(
            'In software, under a written procedure for generating, storing, rotating and revoking keys',
            '以软件方式管理，但对密钥的生成、存储、轮换和撤销有书面规程',
          ),
          points: 5,
        },
        {
          key: 'informal',
          label: t(
            'No formal key management (for example, keys kept in source code, configuration files or next to the data)',
            '无正式的密钥管理（例如密钥保存在源代码、配置文件中或与数据存放在一起）',
          ),
          points: 0,
        },
      ],
      references: ['ISO/IEC 27001:2022 A.8.24', 'GDPR Art. 32(1)(a)', 'GB/T 39786-2021'],
    },
  ],
};

const ACCESS_CONTROL: SectionInput = {
  key: 'access_control',
  title: t('Access control and logging', '访问控制与日志审计'),
  description: t(
    'Who can reach personal information, how they prove who they are, and how access is reviewed and recorded.',
    '哪些人员可以访问个人信息、如何进行身份认证，以及如何复核和记录访问行为。',
  ),
  weight: 3,
  questions: [
    {
      key: 'least_privilege',
      type: 'BOOLEAN',
      text: t(
        'Is access to personal information granted by role, on a least-privilege and need-to-know basis, and approved before it is granted?',
        '个人信息的访问权限是否按角色、遵循最小权限和“按需知悉”原则授予，并在授予前经过审批？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: [
        'PIPL Art. 51(4)',
        'GDPR Art. 25(2)',
        'ISO/IEC 27001:2022 A.5.15',
        'ISO/IEC 27001:2022 A.8.3',
      ],
    },
    {
      key: 'mfa_admin',
      type: 'BOOLEAN',
      text: t(
        'Is multi-factor authentication required for all administrator and other privileged access, and for all remote access to systems that hold personal information?',
        '所有管理员及其他特权访问、以及对存储个人信息系统的所有远程访问，是否均强制使用多因素认证？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: ['ISO/IEC 27001:2022 A.8.5', 'ISO/IEC 27001:2022 A.8.2', 'GDPR Art. 32(1)(b)'],
      knockout: {
        failWhen: isNo('mfa_admin'),
        severity: 'CRITICAL',
        finding: t(
          'Administrator or remote access to systems holding personal information is possible without multi-factor authentication.',
          '无需多因素认证即可对存储个人信息的系统进行管理员访问或远程访问。',
        ),
      },
    },
    {
      key: 'mfa_all_users',
      type: 'BOOLEAN',
      text: t(
        'Is multi-factor authentication also required for every other staff account that can access personal information?',
        '对于其他所有可访问个人信息的员工账号，是否同样强制使用多因素认证？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['ISO/IEC 27001:2022 A.8.5', 'ISO/IEC 27001:2022 A.5.17'],
    },
    {
      key: 'access_reviews',
      type: 'SINGLE_CHOICE',
      text: t(
        'How often do you review who has access to systems holding personal information, and remove access that is no longer needed?',
        '贵方多久复核一次存储个人信息系统的访问权限，并撤销不再需要的权限？',
      ),
      help: t(
        'Attach the record of the most recent review if available.',
        '如有，请上传最近一次权限复核的记录。',
      ),
      required: true,
      weight: 2,
      evidence: 'OPTIONAL',
      options: [
        { key: 'quarterly', label: t('At least every quarter', '至少每季度一次'), points: 10 },
        { key: 'semiannually', label: t('Every six months', '每半年一次'), points: 7 },
        { key: 'annually', label: t('Once a year', '每年一次'), points: 4 },
        { key: 'never', label: t('No regular reviews', '未定期复核'), points: 0 },
      ],
      references: ['ISO/IEC 27001:2022 A.5.18', 'PIPL Art. 51(4)'],
    },
    {
      key: 'audit_logging',
      type: 'BOOLEAN',
      text: t(
        'Do you log access to and changes of personal information (who, what, when and from where), and protect the logs from alteration?',
        '贵方是否记录对个人信息的访问和变更操作（操作人、操作内容、时间和来源），并防止日志被篡改？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: ['Cybersecurity Law Art. 21', 'PIPL Art. 51', 'ISO/IEC 27001:2022 A.8.15'],
    },
    {
      key: 'log_retention',
      type: 'SINGLE_CHOICE',
      text: t('How long do you keep security and access logs?', '安全日志和访问日志保存多长时间？'),
      help: t(
        'Cybersecurity Law Art. 21 requires network logs to be kept for at least six months.',
        '《网络安全法》第二十一条要求网络日志留存不少于六个月。',
      ),
      required: true,
      weight: 2,
      visibleWhen: isYes('audit_logging'),
      options: [
        { key: 'under_6_months', label: t('Less than six months', '少于六个月'), points: 0 },
        { key: 'months_6_to_12', label: t('Six to twelve months', '六至十二个月'), points: 8 },
        { key: 'over_12_months', label: t('More than twelve months', '十二个月以上'), points: 10 },
      ],
      references: ['Cybersecurity Law Art. 21', 'ISO/IEC 27001:2022 A.8.15'],
    },
    {
      key: 'log_monitoring',
      type: 'BOOLEAN',
      text: t(
        'Are the logs monitored, by automated tools or a security team, with alerts on unusual access to personal information?',
        '是否通过自动化工具或安全团队对日志进行监控，并对异常的个人信息访问行为发出告警？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('audit_logging'),
      references: ['ISO/IEC 27001:2022 A.8.16', 'Cybersecurity Law Art. 21'],
    },
    {
      key: 'production_data_in_test',
      type: 'BOOLEAN',
      text: t(
        'Is real personal information kept out of development and test environments, or masked before it is used there?',
        '是否禁止在开发和测试环境中使用真实个人信息，或在使用前对其进行脱敏处理？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'ISO/IEC 27001:2022 A.8.31',
        'ISO/IEC 27001:2022 A.8.33',
        'ISO/IEC 27001:2022 A.8.11',
      ],
    },
  ],
};

const DATA_LIFECYCLE: SectionInput = {
  key: 'data_lifecycle',
  title: t('Data minimization, retention and deletion', '数据最小化、保存与删除'),
  description: t(
    'Processing only what is needed, keeping it only as long as needed, and deleting it reliably.',
    '仅处理必要的个人信息，仅在必要期限内保存，并可靠地删除。',
  ),
  weight: 2,
  questions: [
    {
      key: 'data_minimization',
      type: 'BOOLEAN',
      text: t(
        'Do you collect and process only the personal information needed for the contracted service, and check each new data field against that need before adding it?',
        '贵方是否仅收集和处理提供合同约定服务所必需的个人信息，并在新增数据字段前评估其必要性？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['PIPL Art. 6', 'GDPR Art. 5(1)(c)', 'CCPA §1798.100(c)'],
    },
    {
      key: 'data_inventory',
      type: 'BOOLEAN',
      text: t(
        'Do you keep an up-to-date inventory of the personal information you process for us, with its categories, purposes, systems and storage locations?',
        '贵方是否对为我方处理的个人信息维护最新的清单，记录信息类别、处理目的、所在系统和存储位置？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'GDPR Art. 30(2)',
        'PIPL Art. 51(2)',
        'ISO/IEC 27001:2022 A.5.9',
        'ISO/IEC 27701:2019 8.2.6',
      ],
    },
    {
      key: 'retention_schedule',
      type: 'BOOLEAN',
      text: t(
        'Do you have a written retention schedule that keeps personal information no longer than the service or the law requires, enforced automatically or by regular checks?',
        '贵方是否制定了书面的保存期限规则，确保个人信息的保存期限不超过服务或法律要求的必要期限，并通过自动化手段或定期检查予以落实？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['PIPL Art. 19', 'GDPR Art. 5(1)(e)', 'CCPA §1798.100(a)(3)'],
    },
    {
      key: 'deletion_at_end',
      type: 'BOOLEAN',
      text: t(
        'When the contract ends, will you return or delete, as we choose, all personal information processed for us, including copies and backups, and confirm the deletion in writing?',
        '合同终止时，贵方是否会按我方选择返还或删除为我方处理的全部个人信息（包括副本和备份），并书面确认删除结果？',
      ),
      help: t(
        'Attach a sample deletion certificate if you issue one.',
        '如贵方出具删除证明，请上传样本。',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: [
        'GDPR Art. 28(3)(g)',
        'PIPL Art. 21',
        'ISO/IEC 27701:2019 8.4.2',
        'ISO/IEC 27001:2022 A.8.10',
      ],
      knockout: {
        failWhen: isNo('deletion_at_end'),
        severity: 'HIGH',
        finding: t(
          'The vendor does not commit to returning or deleting our personal information when the contract ends.',
          '供应商不承诺在合同终止时返还或删除我方个人信息。',
        ),
      },
    },
    {
      key: 'deletion_days',
      type: 'NUMBER',
      text: t(
        'Within how many days after the contract ends is all personal information, including backups, deleted?',
        '合同终止后多少天内删除全部个人信息（包括备份）？',
      ),
      required: true,
      min: 0,
      max: 3650,
      visibleWhen: isYes('deletion_at_end'),
      references: ['GDPR Art. 28(3)(g)', 'PIPL Art. 21'],
    },
  ],
};

const DATA_SUBJECT_RIGHTS: SectionInput = {
  key: 'data_subject_rights',
  title: t('Data subject requests', '个人权利请求'),
  description: t(
    'Helping us answer individuals who ask to access, correct, delete or move their personal information.',
    '协助我方响应个人查阅、更正、删除或转移其个人信息的请求。',
  ),
  weight: 2,
  questions: [
    {
      key: 'dsr_process',
      type: 'BOOLEAN',
      text: t(
        "Do you have a documented process for helping us answer individuals' requests about their personal information, including passing on to us without delay any request you receive directly instead of answering it yourself?",
        '贵方是否有书面流程协助我方响应个人关于其个人信息的请求，包括将直接收到的请求及时转交我方，而非自行答复？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'GDPR Art. 28(3)(e)',
        'PIPL Art. 50',
        'PIPL Art. 59',
        'CCPA §1798.105(c)',
        'ISO/IEC 27701:2019 8.3.1',
      ],
    },
    {
      key: 'dsr_access',
      type: 'BOOLEAN',
      text: t(
        'Can you find all the personal information you hold about a given individual and export a copy of it?',
        '贵方能否查找到所持有的特定个人的全部个人信息，并导出副本？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['PIPL Art. 45', 'GDPR Art. 15', 'CCPA §1798.110'],
    },
    {
      key: 'dsr_correction',
      type: 'BOOLEAN',
      text: t(
        "Can you correct or complete an individual's personal information in every system that holds it?",
        '贵方能否在所有存储相关信息的系统中更正或补充特定个人的个人信息？',
      ),
      required: true,
      weight: 1,
      points: { yes: 10, no: 0 },
      references: ['PIPL Art. 46', 'GDPR Art. 16', 'CCPA §1798.106'],
    },
    {
      key: 'dsr_deletion',
      type: 'BOOLEAN',
      text: t(
        "Can you delete an individual's personal information from every system, with copies in backups removed when the backups expire or are restored?",
        '贵方能否从所有系统中删除特定个人的个人信息，并在备份到期或被恢复时一并清除备份中的副本？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['PIPL Art. 47', 'GDPR Art. 17', 'CCPA §1798.105'],
    },
    {
      key: 'dsr_portability',
      type: 'BOOLEAN',
      text: t(
        "Can you provide an individual's personal information in a structured, commonly used and machine-readable format, so that it can be transferred to another provider?",
        '贵方能否以结构化、通用且机器可读的格式提供特定个人的个人信息，以便将其转移至其他服务提供者？',
      ),
      help: t(
        'Choose not applicable if you only handle personal information transiently and do not store it.',
        '如贵方仅临时处理而不存储个人信息，请选择“不适用”。',
      ),
      required: true,
      weight: 1,
      points: { yes: 10, no: 0 },
      allowNotApplicable: true,
      references: ['PIPL Art. 45', 'GDPR Art. 20'],
    },
    {
      key: 'dsr_response_days',
      type: 'NUMBER',
      text: t(
        'Within how many calendar days of our passing on a request do you complete your part of it?',
        '我方转交请求后，贵方在多少个自然日内完成需由贵方处理的部分？',
      ),
      help: t(
        'We must answer individuals within one month under the GDPR and within 45 days under the CCPA, so your part has to leave us time.',
        'GDPR 要求在一个月内答复个人，CCPA 要求在 45 天内答复，因此贵方的处理时间须为我方留出充足余量。',
      ),
      required: true,
      min: 0,
      max: 365,
      references: ['GDPR Art. 12(3)', 'CCPA §1798.130(a)(2)', 'PIPL Art. 50'],
    },
  ],
};

const SUBPROCESSORS_TRANSFERS: SectionInput = {
  key: 'subprocessors_transfers',
  title: t('Sub-processors and cross-border transfers', '次级处理者与跨境传输'),
  description: t(
    'Other companies that process the personal information, and transfers of it across borders.',
    '处理相关个人信息的其他公司，以及个人信息的跨境传输。',
  ),
  weight: 2,
  questions: [
    {
      key: 'subprocessor_list',
      type: 'TEXT',
      text: t(
        'List each sub-processor with the service it provides, where it processes the data and which personal information it can access.',
        '请列出每一家次级处理者，说明其提供的服务、数据处理地点以及可访问的个人信息类型。',
      ),
      help: t(
        'You may attach your published sub-processor list instead of typing it.',
        '也可上传贵方已公布的次级处理者清单，无需逐项填写。',
      ),
      required: true,
      evidence: 'OPTIONAL',
      visibleWhen: isYes('uses_subprocessors'),
      references: ['GDPR Art. 28(2)', 'ISO/IEC 27701:2019 8.5.6', 'PIPL Art. 21'],
    },
    {
      key: 'subprocessor_authorization',
      type: 'BOOLEAN',
      text: t(
        'Do you engage a new sub-processor for our personal information only with our prior written authorisation?',
        '贵方委托新的次级处理者处理我方个人信息前，是否均事先取得我方书面授权？',
      ),
      help: t(
        "PIPL Art. 21 forbids an entrusted party to pass the processing on to others without the personal information handler's consent; GDPR Art. 28(2) requires the controller's prior specific or general written authorisation.",
        '《个人信息保护法》第二十一条规定，未经个人信息处理者同意，受托人不得转委托他人处理个人信息；GDPR 第 28 条第 2 款要求事先取得控制者的具体或一般书面授权。',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('uses_subprocessors'),
      references: [
        'PIPL Art. 21',
        'GDPR Art. 28(2)',
        'GDPR Art. 28(3)(d)',
        'ISO/IEC 27701:2019 8.5.7',
      ],
      knockout: {
        failWhen: isNo('subprocessor_authorization'),
        severity: 'HIGH',
        finding: t(
          'The vendor engages sub-processors for our personal information without our prior authorisation.',
          '供应商未经我方事先授权即委托次级处理者处理我方个人信息。',
        ),
      },
    },
    {
      key: 'subprocessor_flowdown',
      type: 'BOOLEAN',
      text: t(
        'Does a written contract bind each sub-processor to data protection obligations at least as strict as yours toward us?',
        '是否通过书面合同约束每一家次级处理者，使其承担不低于贵方对我方所负义务的数据保护义务？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('uses_subprocessors'),
      references: [
        'GDPR Art. 28(4)',
        'GDPR Art. 28(3)(d)',
        'CCPA §1798.140(ag)(2)',
        'ISO/IEC 27701:2019 8.5.7',
      ],
    },
    {
      key: 'subprocessor_change_notice',
      type: 'BOOLEAN',
      text: t(
        'Do you tell us in advance about any intended addition or replacement of a sub-processor, and give us the chance to object?',
        '新增或更换次级处理者前，贵方是否提前通知我方，并给予我方提出异议的机会？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('uses_subprocessors'),
      references: ['GDPR Art. 28(2)', 'ISO/IEC 27701:2019 8.5.8'],
    },
    {
      key: 'subprocessor_audit_rights',
      type: 'BOOLEAN',
      text: t(
        "Do you assess each sub-processor's security before engaging it and regularly afterwards, and do your contracts give you the right to audit it?",
        '贵方是否在委托前及委托期间定期评估次级处理者的安全能力，并在合同中保留对其进行审计的权利？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      visibleWhen: isYes('uses_subprocessors'),
      references: [
        'ISO/IEC 27001:2022 A.5.19',
        'ISO/IEC 27001:2022 A.5.22',
        'GDPR Art. 28(1)',
        'GDPR Art. 28(4)',
      ],
    },
    {
      key: 'transfer_destinations',
      type: 'TEXT',
      text: t(
        'In which countries or regions is the personal information stored or accessed, and by whom (your own entities, affiliates or sub-processors)?',
        '个人信息在哪些国家或地区存储或被访问？由谁存储或访问（贵方自身实体、关联公司或次级处理者）？',
      ),
      required: true,
      visibleWhen: isYes('cross_border_processing'),
      references: ['PIPL Art. 39', 'GDPR Art. 44', 'ISO/IEC 27701:2019 8.5.2'],
    },
    {
      key: 'china_transfer_mechanism',
      type: 'SINGLE_CHOICE',
      text: t(
        'For personal information collected in mainland China, which legal route covers providing it outside mainland China?',
        '对于在中国境内收集的个人信息，其出境采用了哪种合规路径？',
      ),
      help: t(
        'PIPL Art. 38 lets personal information leave mainland China after a security assessment organised by the Cyberspace Administration of China, under a standard contract that has been filed, with personal information protection certification, or where the Provisions on Promoting and Regulating Cross-Border Data Flows exempt the transfer. Attach the approval, filing receipt or certificate.',
        '《个人信息保护法》第三十八条规定，个人信息出境须通过国家网信部门组织的安全评估、订立并备案标准合同或经专业机构进行个人信息保护认证，或属于《促进和规范数据跨境流动规定》规定的豁免情形。请上传评估批复、备案回执或认证证书。',
      ),
      required: true,
      weight: 3,
      evidence: 'OPTIONAL',
      visibleWhen: { all: [isYes('cross_border_processing'), CHINA_DATA] },
      options: [
        {
          key: 'cac_security_assessment',
          label: t(
            'Security assessment organised by the Cyberspace Administration of China, passed',
            '已通过国家网信部门组织的数据出境安全评估',
          ),
          points: 10,
        },
        {
          key: 'standard_contract',
          label: t(
            'Standard contract for the outbound transfer of personal information, signed and filed with the provincial cyberspace authority',
            '已订立个人信息出境标准合同并向省级网信部门备案',
          ),
          points: 10,
        },
        {
          key: 'certification',
          label: t(
            'Personal information protection certification by a qualified certification body',
            '已通过专业机构的个人信息保护认证',
          ),
          points: 10,
        },
        {
          key: 'exemption',
          label: t(
            'Exempt under the Provisions on Promoting and Regulating Cross-Border Data Flows, with the basis documented',
            '依据《促进和规范数据跨境流动规定》属于豁免情形，且已书面记录豁免依据',
          ),
          points: 8,
        },
        { key: 'none', label: t('No route in place yet', '尚未采用任何合规路径'), points: 0 },
      ],
      references: [
        'PIPL Art. 38',
        'PIPL Art. 39',
        'PIPL Art. 40',
        'Measures for Security Assessment of Outbound Data Transfers (2022)',
        'Measures on the Standard Contract for Outbound Transfer of Personal Information (2023)',
        'Provisions on Promoting and Regulating Cross-Border Data Flows (2024)',
      ],
      knockout: {
        failWhen: isOneOf('china_transfer_mechanism', 'none'),
        severity: 'CRITICAL',
        finding: t(
          'Personal information collected in mainland China is provided abroad without any of the legal routes that PIPL Art. 38 requires.',
          '在中国境内收集的个人信息未通过《个人信息保护法》第三十八条规定的任何法定路径即出境。',
        ),
      },
    },
    {
      key: 'eu_transfer_mechanism',
      type: 'SINGLE_CHOICE',
      text: t(
        'For personal data from the EU or EEA, which GDPR transfer tool covers its transfer to countries outside the EU and EEA?',
        '对于来自欧盟或欧洲经济区的个人数据，向欧盟及欧洲经济区以外国家传输时采用了 GDPR 规定的哪种传输工具？',
      ),
      required: true,
      weight: 3,
      evidence: 'OPTIONAL',
      visibleWhen: { all: [isYes('cross_border_processing'), EU_DATA] },
      options: [
        {
          key: 'adequacy',
          label: t(
            'An adequacy decision for the destination (including the EU-US Data Privacy Framework for certified recipients)',
            '目的地已获充分性认定（包括适用于已认证接收方的欧盟—美国数据隐私框架）',
          ),
          points: 10,
        },
        {
          key: 'sccs',
          label: t(
            'Standard contractual clauses (Commission Implementing Decision (EU) 2021/914)',
            '标准合同条款（欧盟委员会实施决定 (EU) 2021/914）',
          ),
          points: 10,
        },
        {
          key: 'bcrs',
          label: t('Approved binding corporate rules', '经批准的有约束力的公司规则'),
          points: 10,
        },
        {
          key: 'derogation',
          label: t(
            'A derogation for specific situations under GDPR Art. 49',
            '依据 GDPR 第 49 条适用特定情形下的例外规定',
          ),
          points: 4,
        },
        { key: 'none', label: t('No transfer tool in place', '未采用任何传输工具'), points: 0 },
      ],
      references: [
        'GDPR Art. 44',
        'GDPR Art. 45',
        'GDPR Art. 46(2)(c)',
        'GDPR Art. 47',
        'GDPR Art. 49',
      ],
      knockout: {
        failWhen: isOneOf('eu_transfer_mechanism', 'none'),
        severity: 'CRITICAL',
        finding: t(
          'Personal data from the EU or EEA is transferred to third countries without a transfer tool, contrary to GDPR Art. 44.',
          '来自欧盟或欧洲经济区的个人数据在未采用任何传输工具的情况下被传输至第三国，违反 GDPR 第 44 条的规定。',
        ),
      },
    },
    {
      key: 'transfer_impact_assessment',
      type: 'BOOLEAN',
      text: t(
        "Before each transfer, do you assess the destination's laws and practices (including government access to data) and the recipient's protection measures, record the result, and add supplementary measures where needed?",
        '每次传输前，贵方是否评估目的地的法律和实践（包括政府调取数据的情况）以及接收方的保护措施，记录评估结果，并在必要时采取补充措施？',
      ),
      help: t(
        'Under the PIPL this is part of the personal information protection impact assessment required before providing personal information abroad; for EU data it is the transfer impact assessment expected since the Schrems II judgment.',
        '在《个人信息保护法》下，这属于个人信息出境前必须开展的个人信息保护影响评估的内容；对于欧盟数据，这是 Schrems II 判决后要求开展的传输影响评估。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      visibleWhen: isYes('cross_border_processing'),
      references: ['PIPL Art. 55', 'GDPR Art. 46', 'CJEU C-311/18 (Schrems II)'],
    },
  ],
};

const INCIDENT_RESPONSE: SectionInput = {
  key: 'incident_response',
  title: t('Incident and breach response', '安全事件与泄露响应'),
  description: t(
    'Preparing for, handling and reporting security incidents and personal information breaches.',
    '安全事件及个人信息泄露事件的准备、处置与报告。',
  ),
  weight: 3,
  questions: [
    {
      key: 'incident_plan',
      type: 'BOOLEAN',
      text: t(
        'Do you have a written incident response plan that covers personal information breaches, with roles, escalation, containment, evidence handling and notification steps?',
        '贵方是否制定了涵盖个人信息泄露事件的书面应急预案，明确角色职责、升级路径、遏制措施、证据保全和通知步骤？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      evidence: 'REQUIRED',
      references: [
        'PIPL Art. 51(5)',
        'Cybersecurity Law Art. 25',
        'ISO/IEC 27001:2022 A.5.24',
        'ISO/IEC 27001:2022 A.5.26',
      ],
      knockout: {
        failWhen: isNo('incident_plan'),
        severity: 'HIGH',
        finding: t(
          'The vendor has no written incident response plan for personal information breaches.',
          '供应商未制定针对个人信息泄露事件的书面应急预案。',
        ),
      },
    },
    {
      key: 'incident_drills',
      type: 'SINGLE_CHOICE',
      text: t(
        'How often do you test the plan with a tabletop exercise or a drill?',
        '贵方多久通过桌面推演或实战演练对应急预案进行一次测试？',
      ),
      help: t(
        'Attach the report of the most recent exercise if available.',
        '如有，请上传最近一次演练的报告。',
      ),
      required: true,
      weight: 2,
      evidence: 'OPTIONAL',
      visibleWhen: isYes('incident_plan'),
      options: [
        {
          key: 'semiannually',
          label: t('At least every six months', '至少每半年一次'),
          points: 10,
        },
        { key: 'annually', label: t('Once a year', '每年一次'), points: 8 },
        { key: 'less_often', label: t('Less than once a year', '少于每年一次'), points: 3 },
        { key: 'never', label: t('Never', '从未测试'), points: 0 },
      ],
      references: ['Cybersecurity Law Art. 34', 'ISO/IEC 27001:2022 A.5.24', 'GDPR Art. 32(1)(d)'],
      flag: {
        when: isOneOf('incident_drills', 'never'),
        severity: 'MEDIUM',
        finding: t(
          'The incident response plan has never been tested; ask for a tabletop exercise and its report.',
          '事件应急预案从未经过测试；请要求供应商开展一次桌面推演并提供报告。',
        ),
      },
    },
    {
      key: 'breach_notify_hours',
      type: 'NUMBER',
      text: t(
        'Within how many hours of becoming aware of a breach affecting our personal information do you notify us?',
        '在知悉涉及我方个人信息的泄露事件后，贵方在多少小时内通知我方？',
      ),
      help: t(
        'GDPR Art. 33 gives us 72 hours to notify the supervisory authority and requires you to tell us without undue delay; PIPL Art. 57 requires remedial action and notification immediately. A commitment of more than 72 hours fails this control.',
        'GDPR 第 33 条要求我方在 72 小时内通知监管机构，并要求处理者在知悉后无不当延迟地通知我方；《个人信息保护法》第五十七条要求立即采取补救措施并进行通知。承诺时限超过 72 小时的，视为未通过本项控制。',
      ),
      required: true,
      min: 0,
      max: 720,
      references: [
        'GDPR Art. 33(1)',
        'GDPR Art. 33(2)',
        'PIPL Art. 57',
        'PIPL Art. 59',
        'Cal. Civ. Code §1798.82(b)',
      ],
      knockout: {
        failWhen: { gt: { question: 'breach_notify_hours', value: 72 } },
        severity: 'CRITICAL',
        finding: t(
          'The vendor would take more than 72 hours to tell us about a personal information breach, which leaves us unable to meet GDPR Art. 33 and PIPL Art. 57.',
          '供应商通知我方个人信息泄露事件的时限超过 72 小时，导致我方无法满足 GDPR 第 33 条和《个人信息保护法》第五十七条的要求。',
        ),
      },
      flag: {
        when: { gt: { question: 'breach_notify_hours', value: 24 } },
        severity: 'MEDIUM',
        finding: t(
          'The vendor would take more than 24 hours to tell us about a breach, which leaves little of the 72 hours GDPR Art. 33 gives us; negotiate a shorter commitment.',
          '供应商通知我方泄露事件的时限超过 24 小时，使我方在 GDPR 第 33 条规定的 72 小时内所剩时间很少；请协商缩短承诺时限。',
        ),
      },
    },
    {
      key: 'breach_notification_content',
      type: 'BOOLEAN',
      text: t(
        'Will your notice describe what happened and its likely cause, the categories and approximate number of individuals and records affected, the likely consequences, the measures taken or proposed, and a contact person?',
        '贵方的通知是否会说明事件经过及可能原因、涉及的个人信息种类以及受影响个人和记录的大致数量、可能造成的后果、已采取或拟采取的措施以及联系人？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['GDPR Art. 33(3)', 'PIPL Art. 57'],
    },
    {
      key: 'recent_breaches',
      type: 'BOOLEAN',
      text: t(
        'In the last 36 months, have you had a security incident or personal information breach that you had to report to a regulator, customers or affected individuals?',
        '过去 36 个月内，贵方是否发生过需要向监管机构、客户或受影响个人报告的安全事件或个人信息泄露事件？',
      ),
      help: t(
        'A disclosed incident costs fewer points than you might expect; what matters most is how it was handled and what changed afterwards.',
        '如实披露的事件扣分有限，我方更关注事件的处置方式以及事后的改进措施。',
      ),
      required: true,
      weight: 1,
      // An honest yes still earns some points, so disclosure is not punished as hard as a control gap.
      points: { yes: 4, no: 10 },
      references: ['GDPR Art. 33(5)', 'ISO/IEC 27001:2022 A.5.27'],
    },
    {
      key: 'recent_breaches_details',
      type: 'TEXT',
      text: t(
        'Describe each incident: when it happened, which personal information was affected, its root cause, whom you notified and what you changed to prevent it from happening again.',
        '请逐一说明每起事件：发生时间、涉及的个人信息、根本原因、通知对象，以及为防止再次发生所采取的改进措施。',
      ),
      required: true,
      visibleWhen: isYes('recent_breaches'),
      references: ['GDPR Art. 33(5)', 'ISO/IEC 27001:2022 A.5.27'],
    },
  ],
};

const SECURITY_TESTING: SectionInput = {
  key: 'security_testing',
  title: t('Security testing and vulnerability management', '安全测试与漏洞管理'),
  description: t(
    'Finding and fixing weaknesses before attackers do.',
    '在攻击者利用之前发现并修复安全弱点。',
  ),
  weight: 2,
  questions: [
    {
      key: 'pentest_frequency',
      type: 'SINGLE_CHOICE',
      text: t(
        'How often does an independent tester run penetration tests on the systems that process our personal information?',
        '独立测试方多久对处理我方个人信息的系统进行一次渗透测试？',
      ),
      required: true,
      weight: 3,
      options: [
        { key: 'more_than_annual', label: t('More than once a year', '每年多于一次'), points: 10 },
        { key: 'annually', label: t('Once a year', '每年一次'), points: 8 },
        { key: 'less_often', label: t('Less than once a year', '少于每年一次'), points: 3 },
        { key: 'never', label: t('Never', '从未进行'), points: 0 },
      ],
      references: ['GDPR Art. 32(1)(d)', 'ISO/IEC 27001:2022 A.8.8', 'ISO/IEC 27001:2022 A.8.29'],
    },
    {
      key: 'last_pentest_date',
      type: 'DATE',
      text: t('Date of the most recent penetration test report', '最近一次渗透测试报告的日期'),
      help: t(
        'Attach the executive summary, with the number of findings by severity and their remediation status.',
        '请上传报告摘要，包括按严重程度统计的发现数量及其整改状态。',
      ),
      required: true,
      evidence: 'REQUIRED',
      visibleWhen: isOneOf('pentest_frequency', 'more_than_annual', 'annually', 'less_often'),
      references: ['GDPR Art. 32(1)(d)', 'ISO/IEC 27001:2022 A.8.8'],
    },
    {
      key: 'vuln_scanning',
      type: 'BOOLEAN',
      text: t(
        'Do you scan your infrastructure and applications for vulnerabilities automatically, at least once a month?',
        '贵方是否至少每月一次对基础设施和应用程序进行自动化漏洞扫描？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: [
        'ISO/IEC 27001:2022 A.8.8',
        'Cybersecurity Law Art. 21',
        'Data Security Law Art. 29',
      ],
    },
    {
      key: 'patch_sla',
      type: 'SINGLE_CHOICE',
      text: t(
        'How quickly are critical vulnerabilities fixed on internet-facing systems?',
        '面向互联网的系统中的严重漏洞通常在多长时间内修复？',
      ),
      required: true,
      weight: 2,
      options: [
        { key: 'within_7_days', label: t('Within 7 days', '7 天内'), points: 10 },
        { key: 'within_30_days', label: t('Within 30 days', '30 天内'), points: 6 },
        { key: 'over_30_days', label: t('More than 30 days', '超过 30 天'), points: 2 },
        { key: 'no_target', label: t('No defined target', '没有明确的修复时限'), points: 0 },
      ],
      references: [
        'ISO/IEC 27001:2022 A.8.8',
        'Cybersecurity Law Art. 25',
        'Data Security Law Art. 29',
      ],
    },
    {
      key: 'secure_sdlc',
      type: 'BOOLEAN',
      text: t(
        'Does software that processes personal information go through a secure development process, with security requirements, code review, automated code and dependency scanning, and security testing before release?',
        '处理个人信息的软件是否遵循安全开发流程，包括安全需求分析、代码审查、自动化代码及依赖组件扫描以及发布前安全测试？',
      ),
      help: t(
        'Choose not applicable if you develop no software of your own for this service.',
        '如贵方未为本服务自行开发任何软件，请选择“不适用”。',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      allowNotApplicable: true,
      references: [
        'ISO/IEC 27001:2022 A.8.25',
        'ISO/IEC 27001:2022 A.8.28',
        'ISO/IEC 27001:2022 A.8.29',
        'GDPR Art. 25(1)',
      ],
    },
  ],
};

const CONTINUITY: SectionInput = {
  key: 'continuity',
  title: t('Backup and business continuity', '备份与业务连续性'),
  description: t(
    'Keeping personal information available and recoverable after an incident.',
    '确保个人信息在发生事件后仍然可用、可恢复。',
  ),
  weight: 2,
  questions: [
    {
      key: 'backups',
      type: 'BOOLEAN',
      text: t(
        'Are the systems and data that hold personal information backed up regularly, with encrypted backups kept apart from production and at least one copy offline or immutable?',
        '存储个人信息的系统和数据是否定期备份，备份是否加密并与生产环境隔离存放，且至少保留一份离线或不可篡改的副本？',
      ),
      required: true,
      weight: 3,
      points: { yes: 10, no: 0 },
      references: ['GDPR Art. 32(1)(c)', 'Cybersecurity Law Art. 21', 'ISO/IEC 27001:2022 A.8.13'],
      knockout: {
        failWhen: isNo('backups'),
        severity: 'HIGH',
        finding: t(
          "The vendor's backups of personal information are missing, unencrypted or not kept apart from production.",
          '供应商对个人信息的备份缺失、未加密或未与生产环境隔离。',
        ),
      },
    },
    {
      key: 'backup_restore_tests',
      type: 'SINGLE_CHOICE',
      text: t('How often do you test restoring from backups?', '贵方多久进行一次备份恢复测试？'),
      required: true,
      weight: 2,
      evidence: 'OPTIONAL',
      visibleWhen: isYes('backups'),
      options: [
        { key: 'quarterly', label: t('At least every quarter', '至少每季度一次'), points: 10 },
        { key: 'annually', label: t('At least once a year', '至少每年一次'), points: 6 },
        {
          key: 'never',
          label: t('Never, or only after an incident', '从未测试，或仅在发生事件后测试'),
          points: 0,
        },
      ],
      references: ['GDPR Art. 32(1)(d)', 'ISO/IEC 27001:2022 A.8.13'],
    },
    {
      key: 'bcp_drp',
      type: 'BOOLEAN',
      text: t(
        'Do you have a business continuity and disaster recovery plan for the service, with recovery time and recovery point objectives, tested at least once a year?',
        '贵方是否为本服务制定了业务连续性和灾难恢复计划，明确恢复时间目标（RTO）和恢复点目标（RPO），并至少每年测试一次？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: [
        'ISO/IEC 27001:2022 A.5.29',
        'ISO/IEC 27001:2022 A.5.30',
        'GDPR Art. 32(1)(b)',
        'GDPR Art. 32(1)(c)',
      ],
    },
    {
      key: 'rto_hours',
      type: 'NUMBER',
      text: t(
        'What is the recovery time objective of the service, in hours?',
        '本服务的恢复时间目标（RTO）是多少小时？',
      ),
      required: true,
      min: 0,
      max: 2160,
      visibleWhen: isYes('bcp_drp'),
      references: ['ISO/IEC 27001:2022 A.5.30'],
    },
  ],
};

const CERTIFICATIONS: SectionInput = {
  key: 'certifications',
  title: t('Certifications', '认证与测评'),
  description: t(
    'Independent attestations of your security and privacy controls.',
    '由独立第三方对贵方安全与隐私控制措施出具的认证和测评结论。',
  ),
  weight: 1,
  questions: [
    {
      key: 'iso27001_certified',
      type: 'BOOLEAN',
      text: t(
        'Is your information security management system certified to ISO/IEC 27001 by an accredited certification body, with a scope that covers the services you provide to us?',
        '贵方的信息安全管理体系是否已由经认可的认证机构依据 ISO/IEC 27001 认证，且认证范围覆盖为我方提供的服务？',
      ),
      required: true,
      weight: 2,
      points: { yes: 10, no: 0 },
      references: ['ISO/IEC 27001:2022'],
    },
    {
      key: 'iso27001_expiry',
      type: 'DATE',
      text: t(
        'Expiry date of your ISO/IEC 27001 certificate',
        'ISO/IEC 27001 证书的有效期截止日期',
      ),
      help: t(
        'Attach the certificate and the Statement of Applicability.',
        '请上传认证证书及适用性声明（SoA）。',
      ),
      required: true,
      evidence: 'REQUIRED',
      visibleWhen: isYes('iso27001_certified'),
      references: ['ISO/IEC 27001:2022'],
    },
    {
      key: 'iso27701_certified',
      type: 'BOOLEAN',
      text: t(
        'Is your privacy information management system certified to ISO/IEC 27701, with a scope that covers your processing for us?',
        '贵方的隐私信息管理体系是否已通过 ISO/IEC 27701 认证，且认证范围覆盖为我方开展的处理活动？',
      ),
      required: true,
      weight: 1,
      points: { yes: 10, no: 0 },
      evidence: 'OPTIONAL',
      references: ['ISO/IEC 27701:2019'],
    },
    {
      key: 'soc2_report',
      type: 'SINGLE_CHOICE',
      text: t(
        'Which SOC 2 report covering the service have you received in the last 12 months?',
        '贵方在过去 12 个月内取得了哪种覆盖本服务的 SOC 2 报告？',
      ),
      help: t(
        'Attach the latest report; it can be shared under a non-disclosure agreement.',
        '请上传最新报告；如需要，可在签署保密协议后提供。',
      ),
      required: true,
      weight: 2,
      evidence: 'OPTIONAL',
      options: [
        { key: 'type_2', label: t('SOC 2 Type II', 'SOC 2 Type II'), points: 10 },
        { key: 'type_1', label: t('SOC 2 Type I', 'SOC 2 Type I'), points: 5 },
        { key: 'none', label: t('None', '无'), points: 0 },
      ],
      references: ['AICPA SOC 2', 'AICPA Trust Services Criteria (2017)'],
    },
    {
      key: 'mlps_level',
      type: 'SINGLE_CHOICE',
      text: t(
        "At which level of China's Multi-Level Protection Scheme (MLPS 2.0) are the systems that process our data graded, filed and assessed?",
        '处理我方数据的信息系统在网络安全等级保护（等保 2.0）中定级、备案并完成测评的级别是？',
      ),
      help: t(
        'Choose not applicable if none of these systems is located in mainland China.',
        '如相关系统均不位于中国境内，请选择“不适用”。',
      ),
      required: true,
      weight: 2,
      allowNotApplicable: true,
      visibleWhen: CHINA_DATA,
      options: [
        {
          key: 'level_3_or_above',
          label: t(
            'Level 3 or above, filed and assessed within the last 12 months',
            '第三级及以上，已备案且在过去 12 个月内完成等级测评',
          ),
          points: 10,
        },
        {
          key: 'level_2',
          label: t('Level 2, filed and assessed', '第二级，已备案并完成等级测评'),
          points: 7,
        },
        {
          key: 'filed_not_assessed',
          label: t('Graded and filed, but not yet assessed', '已定级备案，但尚未完成等级测评'),
          points: 3,
        },
        { key: 'not_filed', label: t('Not graded or filed', '尚未定级备案'), points: 0 },
      ],
      references: ['Cybersecurity Law Art. 21', 'GB/T 22239-2019', 'GB/T 28448-2019'],
    },
    {
      key: 'mlps_assessment_date',
      type: 'DATE',
      text: t('Date of the most recent MLPS assessment report', '最近一次等级测评报告的出具日期'),
      help: t(
        'Attach the filing certificate issued by the public security authority and the conclusion page of the assessment report.',
        '请上传公安机关出具的备案证明以及等级测评报告的结论页。',
      ),
      required: true,
      evidence: 'REQUIRED',
      visibleWhen: isOneOf('mlps_level', 'level_3_or_above', 'level_2'),
      references: ['Cybersecurity Law Art. 21', 'GB/T 28448-2019'],
    },
  ],
};

/** The built-in baseline questionnaire for vendors that process personal information. */
export const VENDOR_PRIVACY_BASELINE: LibraryTemplate = {
  key: 'vendor-privacy-baseline',
  version: 1,
  name: t('Vendor privacy and security baseline', '供应商隐私与安全基线问卷'),
  description: t(
    'A baseline assessment of how a vendor protects the personal information it processes for you: governance; PIPL, Cybersecurity Law, Data Security Law, GDPR and CCPA/CPRA obligations; personnel; encryption; access control; retention and deletion; data subject requests; sub-processors and cross-border transfers; incident response; security testing; business continuity and certifications. Meant for tier 1 and tier 2 vendors that handle personal information.',
    '用于评估供应商如何保护其为贵方处理的个人信息的基线问卷，涵盖治理；《个人信息保护法》《网络安全法》《数据安全法》、GDPR 与 CCPA/CPRA 规定的义务；人员管理；加密；访问控制；保存与删除；个人权利请求；次级处理者与跨境传输；事件响应；安全测试；业务连续性以及认证。适用于处理个人信息、固有风险等级为一级和二级的供应商。',
  ),
  intendedTiers: ['TIER_1', 'TIER_2'],
  definition: {
    languages: ['en', 'zh-CN'],
    sections: [
      PROCESSING_SCOPE,
      GOVERNANCE,
      LEGAL_COMPLIANCE,
      PERSONNEL,
      ENCRYPTION,
      ACCESS_CONTROL,
      DATA_LIFECYCLE,
      DATA_SUBJECT_RIGHTS,
      SUBPROCESSORS_TRANSFERS,
      INCIDENT_RESPONSE,
      SECURITY_TESTING,
      CONTINUITY,
      CERTIFICATIONS,
    ],
  },
};
