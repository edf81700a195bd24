import { Regime } from '#vendor';

export interface LocalizedText {
  readonly en: string;
  readonly zhCN: string;
}

export interface CatalogClause {
  /** Stable id, stored in checklists: never change one after release. */
  readonly id: string;
  readonly title: LocalizedText;
  readonly text: LocalizedText;
  readonly citation: string;
  /** A mandatory clause must be present for an agreement to cover its regime. */
  readonly mandatory: boolean;
}

export enum ClauseCatalogId {
  GdprArt28 = 'GDPR_ART_28',
  PiplArt21 = 'PIPL_ART_21',
  CcpaServiceProvider = 'CCPA_SERVICE_PROVIDER',
}

export interface ClauseCatalog {
  readonly id: ClauseCatalogId;
  readonly regime: Regime;
  readonly title: LocalizedText;
  readonly citation: string;
  readonly clauses: readonly CatalogClause[];
}

const clause = (
  id: string,
  citation: string,
  title: LocalizedText,
  text: LocalizedText,
  mandatory = true,
): CatalogClause => ({ id, citation, title, text, mandatory });

const GDPR_ART_28: ClauseCatalog = {
  id: ClauseCatalogId.GdprArt28,
  regime: Regime.Gdpr,
  citation: 'GDPR Art. 28(3)',
  title: { en: 'GDPR processor terms', zhCN: 'GDPR 处理者条款' },
  clauses: [
    clause(
      'gdpr.28.3.subject-matter-duration',
      'GDPR Art. 28(3)',
      { en: 'Subject matter and duration', zhCN: '处理的主题和期限' },
      {
        en: 'The contract sets out the subject matter and duration of the processing.',
        zhCN: '合同载明处理的主题事项和期限。',
      },
    ),
    clause(
      'gdpr.28.3.nature-purpose',
      'GDPR Art. 28(3)',
      { en: 'Nature and purpose', zhCN: '处理的性质和目的' },
      {
        en: 'The contract sets out the nature and purpose of the processing.',
        zhCN: '合同载明处理的性质和目的。',
      },
    ),
    clause(
      'gdpr.28.3.data-types',
      'GDPR Art. 28(3)',
      { en: 'Types of personal data', zhCN: '个人数据的类型' },
      {
        en: 'The contract sets out the types of personal data processed.',
        zhCN: '合同载明所处理个人数据的类型。',
      },
    ),
    clause(
      'gdpr.28.3.data-subjects',
      'GDPR Art. 28(3)',
      { en: 'Categories of data subjects', zhCN: '数据主体的类别' },
      {
        en: 'The contract sets out the categories of data subjects.',
        zhCN: '合同载明数据主体的类别。',
      },
    ),
    clause(
      'gdpr.28.3.controller-rights',
      'GDPR Art. 28(3)',
      { en: 'Obligations and rights of the controller', zhCN: '控制者的义务和权利' },
      {
        en: 'The contract sets out the obligations and rights of the controller.',
        zhCN: '合同载明控制者的义务和权利。',
      },
    ),
    clause(
      'gdpr.28.3.a',
      'GDPR Art. 28(3)(a)',
      { en: 'Documented instructions', zhCN: '书面指示' },
      {
        en: 'The processor processes personal data only on documented instructions from the controller, including with regard to transfers to a third country or an international organisation.',
        zhCN: '处理者仅根据控制者的书面指示处理个人数据，包括向第三国或国际组织传输个人数据。',
      },
    ),
    clause(
      'gdpr.28.3.b',
      'GDPR Art. 28(3)(b)',
      { en: 'Confidentiality of personnel', zhCN: '人员保密义务' },
      {
        en: 'Persons authorised to process the personal data have committed themselves to confidentiality or are under an appropriate statutory obligation of confidentiality.',
        zhCN: '获授权处理个人数据的人员已承诺保密或负有适当的法定保密义务。',
      },
    ),
    clause(
      'gdpr.28.3.c',
      'GDPR Art. 28(3)(c)',
      { en: 'Security of processing', zhCN: '处理的安全' },
      {
        en: 'The processor takes all measures required pursuant to Article 32 (security of processing).',
        zhCN: '处理者采取第 32 条（处理的安全）所要求的全部措施。',
      },
    ),
    clause(
      'gdpr.28.3.d',
      'GDPR Art. 28(3)(d), 28(2), 28(4)',
      { en: 'Engaging sub-processors', zhCN: '委托次级处理者' },
      {
        en: 'The processor engages another processor only with the prior authorisation of the controller and imposes the same data protection obligations on it.',
        zhCN: '处理者仅在事先获得控制者授权的情况下委托其他处理者，并使其承担相同的数据保护义务。',
      },
    ),
    clause(
      'gdpr.28.3.e',
      'GDPR Art. 28(3)(e)',
      { en: 'Assistance with data subject rights', zhCN: '协助响应数据主体权利' },
      {
        en: 'The processor assists the controller, by appropriate technical and organisational measures, in responding to requests to exercise data subject rights.',
        zhCN: '处理者通过适当的技术和组织措施，协助控制者响应数据主体行使权利的请求。',
      },
    ),
    clause(
      'gdpr.28.3.f',
      'GDPR Art. 28(3)(f)',
      {
        en: 'Assistance with security, breaches and impact assessments',
        zhCN: '协助安全、泄露通知与影响评估',
      },
      {
        en: 'The processor assists the controller in ensuring compliance with Articles 32 to 36 (security, breach notification, data protection impact assessment, prior consultation).',
        zhCN: '处理者协助控制者履行第 32 至 36 条规定的义务（安全、数据泄露通知、数据保护影响评估、事先咨询）。',
      },
    ),
    clause(
      'gdpr.28.3.g',
      'GDPR Art. 28(3)(g)',
      { en: 'Deletion or return at the end', zhCN: '服务结束时删除或返还' },
      {
        en: 'At the choice of the controller, the processor deletes or returns all personal data after the end of the provision of services, and deletes existing copies.',
        zhCN: '服务结束后，处理者按控制者的选择删除或返还全部个人数据，并删除现有副本。',
      },
    ),
    clause(
      'gdpr.28.3.h',
      'GDPR Art. 28(3)(h)',
      { en: 'Information and audits', zhCN: '信息提供与审计' },
      {
        en: 'The processor makes available all information necessary to demonstrate compliance and allows for and contributes to audits, including inspections.',
        zhCN: '处理者提供证明其合规所需的全部信息，并允许和配合审计（包括检查）。',
      },
    ),
  ],
};

const PIPL_ART_21: ClauseCatalog = {
  id: ClauseCatalogId.PiplArt21,
  regime: Regime.Pipl,
  citation: 'PIPL Art. 21',
  title: { en: 'PIPL entrusted processing terms', zhCN: '《个人信息保护法》委托处理条款' },
  clauses: [
    clause(
      'pipl.21.purpose',
      'PIPL Art. 21',
      { en: 'Purpose of the entrusted processing', zhCN: '委托处理的目的' },
      {
        en: 'The contract agrees the purpose of the entrusted processing.',
        zhCN: '合同约定委托处理的目的。',
      },
    ),
    clause(
      'pipl.21.period',
      'PIPL Art. 21',
      { en: 'Period', zhCN: '期限' },
      {
        en: 'The contract agrees the period of the entrusted processing.',
        zhCN: '合同约定委托处理的期限。',
      },
    ),
    clause(
      'pipl.21.method',
      'PIPL Art. 21',
      { en: 'Method of processing', zhCN: '处理方式' },
      { en: 'The contract agrees the method of processing.', zhCN: '合同约定处理方式。' },
    ),
    clause(
      'pipl.21.categories',
      'PIPL Art. 21',
      { en: 'Categories of personal information', zhCN: '个人信息的种类' },
      {
        en: 'The contract agrees the categories of personal information processed.',
        zhCN: '合同约定所处理个人信息的种类。',
      },
    ),
    clause(
      'pipl.21.protection-measures',
      'PIPL Art. 21, Art. 59',
      { en: 'Protection measures', zhCN: '保护措施' },
      {
        en: 'The contract agrees the protection measures the trustee takes for the personal information.',
        zhCN: '合同约定受托人对个人信息采取的保护措施。',
      },
    ),
    clause(
      'pipl.21.rights-duties',
      'PIPL Art. 21',
      { en: 'Rights and obligations of both parties', zhCN: '双方的权利和义务' },
      {
        en: 'The contract agrees the rights and obligations of both parties, and the trustee processes personal information only as agreed.',
        zhCN: '合同约定双方的权利和义务，受托人仅按照约定处理个人信息。',
      },
    ),
    clause(
      'pipl.21.supervision',
      'PIPL Art. 21',
      { en: 'Supervision of the trustee', zhCN: '对受托人的监督' },
      {
        en: 'The personal information processor may supervise the trustee’s processing activities.',
        zhCN: '个人信息处理者有权对受托人的个人信息处理活动进行监督。',
      },
    ),
    clause(
      'pipl.21.return-deletion',
      'PIPL Art. 21',
      { en: 'Return or deletion', zhCN: '返还或删除' },
      {
        en: 'When the contract does not take effect, is invalid, revoked or terminated, the trustee returns or deletes the personal information and keeps none.',
        zhCN: '委托合同不生效、无效、被撤销或者终止的，受托人应当将个人信息返还或者予以删除，不得保留。',
      },
    ),
    clause(
      'pipl.21.no-sub-entrustment',
      'PIPL Art. 21',
      { en: 'No sub-entrustment without consent', zhCN: '未经同意不得转委托' },
      {
        en: 'The trustee does not entrust the processing to others without the consent of the personal information processor.',
        zhCN: '未经个人信息处理者同意，受托人不得转委托他人处理个人信息。',
      },
    ),
    clause(
      'pipl.59.assistance',
      'PIPL Art. 59',
      { en: 'Assistance with compliance', zhCN: '协助履行义务' },
      {
        en: 'The trustee takes the necessary measures to secure the information and assists the processor in meeting its obligations under the law.',
        zhCN: '受托人采取必要措施保障所处理个人信息的安全，并协助个人信息处理者履行本法规定的义务。',
      },
      false,
    ),
  ],
};

const CCPA_SERVICE_PROVIDER: ClauseCatalog = {
  id: ClauseCatalogId.CcpaServiceProvider,
  regime: Regime.Ccpa,
  citation: 'Cal. Civ. Code § 1798.140(ag); Cal. Code Regs. tit. 11, § 7051(a)',
  title: { en: 'CCPA service provider terms', zhCN: 'CCPA 服务提供商条款' },
  clauses: [
    clause(
      'ccpa.no-selling-sharing',
      '11 CCR § 7051(a)(1)',
      { en: 'No selling or sharing', zhCN: '不得出售或共享' },
      {
        en: 'The service provider does not sell or share the personal information it receives.',
        zhCN: '服务提供商不得出售或共享其收到的个人信息。',
      },
    ),
    clause(
      'ccpa.specified-purposes',
      '11 CCR § 7051(a)(2)–(3)',
      { en: 'Specified business purposes only', zhCN: '仅限约定的业务目的' },
      {
        en: 'The contract specifies the business purposes, and the service provider retains, uses or discloses the information only for them.',
        zhCN: '合同列明业务目的，服务提供商仅为该等目的保留、使用或披露个人信息。',
      },
    ),
    clause(
      'ccpa.no-outside-relationship',
      '11 CCR § 7051(a)(4)',
      { en: 'Only within the direct business relationship', zhCN: '仅限于直接业务关系内' },
      {
        en: 'The service provider does not retain, use or disclose the information outside the direct business relationship.',
        zhCN: '服务提供商不得在直接业务关系之外保留、使用或披露个人信息。',
      },
      false,
    ),
    clause(
      'ccpa.no-combining',
      '11 CCR § 7051(a)(5)',
      { en: 'No combining', zhCN: '不得合并' },
      {
        en: 'The service provider does not combine the information with personal information from other sources, except as the regulations allow.',
        zhCN: '除法规允许外，服务提供商不得将该等信息与其他来源的个人信息合并。',
      },
    ),
    clause(
      'ccpa.same-protection',
      '11 CCR § 7051(a)(6)',
      { en: 'Same level of protection', zhCN: '同等保护水平' },
      {
        en: 'The service provider complies with the CCPA and provides the same level of privacy protection the CCPA requires of businesses.',
        zhCN: '服务提供商遵守 CCPA，并提供与 CCPA 对企业要求相同水平的隐私保护。',
      },
    ),
    clause(
      'ccpa.audit-rights',
      '11 CCR § 7051(a)(7)',
      { en: 'Reasonable steps and audits', zhCN: '合理措施与审计权' },
      {
        en: 'The business may take reasonable and appropriate steps, including audits, to ensure the information is used consistently with its obligations.',
        zhCN: '企业有权采取合理适当的措施（包括审计），确保个人信息的使用符合其义务。',
      },
    ),
    clause(
      'ccpa.notice-unable',
      '11 CCR § 7051(a)(8)',
      { en: 'Notice when unable to comply', zhCN: '无法履约时通知' },
      {
        en: 'The service provider notifies the business if it can no longer meet its obligations.',
        zhCN: '服务提供商如无法再履行其义务，应通知企业。',
      },
    ),
    clause(
      'ccpa.stop-remediate',
      '11 CCR § 7051(a)(9)',
      { en: 'Stopping unauthorized use', zhCN: '制止未经授权的使用' },
      {
        en: 'Upon notice, the business may take reasonable steps to stop and remediate unauthorized use of the information.',
        zhCN: '经通知后，企业有权采取合理措施制止并补救对个人信息的未经授权使用。',
      },
      false,
    ),
    clause(
      'ccpa.consumer-requests',
      '11 CCR § 7051(a)(10)',
      { en: 'Assistance with consumer requests', zhCN: '协助处理消费者请求' },
      {
        en: 'The service provider enables the business to comply with consumer requests, or informs it of requests received.',
        zhCN: '服务提供商协助企业响应消费者请求，或将收到的请求告知企业。',
      },
    ),
    clause(
      'ccpa.flow-down',
      'Cal. Civ. Code § 1798.140(ag)(2); 11 CCR § 7051(a)(2)',
      { en: 'Flow-down to sub-service providers', zhCN: '向次级服务提供商传递义务' },
      {
        en: 'Any sub-service provider is bound by a written contract with the same obligations.',
        zhCN: '任何次级服务提供商均须受包含相同义务的书面合同约束。',
      },
    ),
  ],
};

/** The built-in clause catalogs, one per regime. */
export const CLAUSE_CATALOGS: readonly ClauseCatalog[] = [
  GDPR_ART_28,
  PIPL_ART_21,
  CCPA_SERVICE_PROVIDER,
];

export const CATALOG_OF_REGIME: Readonly<Record<Regime, ClauseCatalog>> = {
  [Regime.Gdpr]: GDPR_ART_28,
  [Regime.Pipl]: PIPL_ART_21,
  [Regime.Ccpa]: CCPA_SERVICE_PROVIDER,
};

const CLAUSES = new Map(
  CLAUSE_CATALOGS.flatMap((catalog) =>
    catalog.clauses.map((entry) => [entry.id, { catalog, clause: entry }] as const),
  ),
);

/** A clause and its catalog, by clause id. */
export function findClause(
  id: string,
): { catalog: ClauseCatalog; clause: CatalogClause } | undefined {
  return CLAUSES.get(id);
}
