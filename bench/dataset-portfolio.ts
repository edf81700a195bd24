/**
 * The rows of the shared benchmark dataset, made in memory by a pure, seeded function: the same
 * scale, seed and anchor day always give the same rows, ids included. `bench/dataset.ts` loads
 * them. Nothing here touches a database.
 */
import { createHash } from 'node:crypto';
import {
  AgreementStatus,
  AgreementType,
  ClauseStatus,
  catalogsOfType,
  type CatalogClause,
} from '#agreement';
import {
  AssessmentCycle,
  AssessmentDecision,
  AssessmentStatus,
  FindingSource,
  FindingStatus,
} from '#assessment';
import { Role } from '#core';
import {
  NOT_APPLICABLE,
  countQuestions,
  definitionChecksum,
  libraryTemplate,
  validateDefinition,
  visibleQuestionKeys,
  type AnswerState,
  type AnswerValue,
  type FindingSeverity,
  type LocalizedText,
  type QuestionDefinition,
  type TemplateDefinition,
  type TemplateDefinitionInput,
} from '#questionnaire';
import {
  DEFAULT_RISK_MATRIX,
  residualRating,
  roundScore,
  scoreAssessment,
  type AssessmentScore,
  type InherentTier,
} from '#scoring';
import {
  AccessLevel,
  DEFAULT_REASSESSMENT_POLICY,
  DEFAULT_RISK_RUBRIC,
  DataSubjectRegion,
  PersonalDataCategory,
  ProcessingRole,
  Regime,
  RiskTier,
  VolumeBand,
  addMonths,
  computeInherentRisk,
  type DataProfile,
} from '#vendor';

/** How big a portfolio is. */
export interface PortfolioScale {
  readonly vendors: number;
  readonly assessments: number;
  /** Distinct answer patterns, each scored once by `scoreAssessment` and reused. */
  readonly patterns: number;
}

/** A row as its table's columns name it. */
export type Row = Record<string, unknown>;

export interface GeneratedMember {
  readonly userId: string;
  readonly membershipId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

/** One scored answer pattern: what a vendor answered, and what the scoring made of it. */
export interface AnswerPattern {
  readonly index: number;
  /** In document order, visible questions only. */
  readonly answers: ReadonlyArray<{
    readonly questionKey: string;
    readonly value: AnswerValue | null;
    readonly notApplicable: boolean;
    readonly comment: string | null;
  }>;
  readonly score: AssessmentScore;
  /** `overall_score` as stored: the rounded score, or null when not applicable. */
  readonly overall: string | null;
  readonly sections: ReadonlyArray<{
    readonly key: string;
    readonly title: LocalizedText;
    readonly weight: string;
    readonly score: string | null;
  }>;
}

export interface GeneratedOrganization {
  readonly organizationId: string;
  readonly name: string;
  readonly members: readonly GeneratedMember[];
  readonly templateVersionId: string;
  readonly rows: {
    readonly organization: Row[];
    readonly users: Row[];
    readonly memberships: Row[];
    readonly templates: Row[];
    readonly versions: Row[];
    readonly vendors: Row[];
    readonly contacts: Row[];
    readonly agreements: Row[];
    readonly clauses: Row[];
    /** Assessment columns, plus what the loader needs to derive answers and section scores. */
    readonly assessments: Row[];
    readonly findings: Row[];
  };
}

export interface GeneratedPortfolio {
  readonly definition: TemplateDefinition;
  readonly patterns: readonly AnswerPattern[];
  readonly organizations: readonly GeneratedOrganization[];
}

const DAY = 86_400_000;
const WINDOW_DAYS = 730;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast and good enough for test data. */
function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of its own for each concern, so that changing one leaves the others' draws alone. */
export class Random {
  readonly next: () => number;

  constructor(seed: number, label: string) {
    let hash = 0x811c9dc5 ^ seed;
    for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    this.next = mulberry32(hash);
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  some<T>(values: readonly T[], probability: number): T[] {
    return values.filter(() => this.next() < probability);
  }

  /** Roughly normal, mean 0 and deviation 1 (sum of uniforms). */
  normal(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }

  /** A UUIDv7 for an instant, its random bits drawn from this generator. */
  uuidAt(ms: number): string {
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
    const hex = (digits: number) =>
      Math.floor(this.next() * 16 ** digits)
        .toString(16)
        .padStart(digits, '0');
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

/**
 * Smooth weighted round robin: draws values in the given proportions, every value at least once
 * per sum of the weights. Small portfolios still show every status.
 */
export function rotation<T>(weights: ReadonlyArray<readonly [T, number]>): () => T {
  const current = weights.map(() => 0);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let best = 0;
    weights.forEach(([, weight], index) => {
      current[index]! += weight;
      if (current[index]! > current[best]!) best = index;
    });
    current[best]! -= total;
    return weights[best]![0];
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ---------------------------------------------------------------------------------------------
// The questionnaire

/** The sections and questions kept from the library's vendor privacy baseline. */
const KEPT_QUESTIONS: Readonly<Record<string, readonly string[] | 'all'>> = {
  governance: ['infosec_policy', 'privacy_officer', 'process_on_instructions', 'compliance_audit'],
  encryption: ['encryption_in_transit', 'min_tls_version', 'encryption_at_rest', 'key_management'],
  access_control: [
    'least_privilege',
    'mfa_admin',
    'access_reviews',
    'audit_logging',
    'log_retention',
  ],
  incident_response: 'all',
  security_testing: 'all',
};

/**
 * 24 questions in 5 sections of the library's vendor privacy baseline (every question type the
 * portfolio meets: yes/no, choices, numbers, dates, text; knockouts, flags, conditions and a
 * not-applicable answer), validated as publishing validates.
 */
export function datasetDefinition(): TemplateDefinition {
  const baseline = libraryTemplate('vendor-privacy-baseline');
  if (!baseline) throw new Error('The questionnaire library has no vendor-privacy-baseline');
  const document: TemplateDefinitionInput = {
    ...baseline.definition,
    sections: baseline.definition.sections
      .filter((section) => section.key in KEPT_QUESTIONS)
      .map((section) => {
        const kept = KEPT_QUESTIONS[section.key]!;
        return {
          ...section,
          questions: section.questions.filter(
            (question) => kept === 'all' || kept.includes(question.key),
          ),
        };
      }),
  };
  const result = validateDefinition(document, 'publish');
  if (!result.valid || !result.definition) {
    throw new Error(
      `The dataset questionnaire does not validate: ${JSON.stringify(result.errors)}`,
    );
  }
  return result.definition;
}

const TEXT_ANSWERS = [
  'Two incidents in 2025, both contained within a day; customers were told within 24 hours.',
  'A misdirected email in the support team; the recipient confirmed deletion.',
  'One lost laptop, encrypted; no personal data was exposed.',
];
const COMMENTS = [
  'See the attached policy, section 4.',
  'Applies to production systems; staging is being migrated.',
  'Confirmed by our CISO in the last audit.',
  null,
];

/** An answer for `question` by a vendor of `quality` (0 worst, 1 best). */
function answerFor(
  question: QuestionDefinition,
  quality: number,
  random: Random,
  anchor: number,
): AnswerValue | typeof NOT_APPLICABLE {
  if (question.allowNotApplicable && random.chance(0.15)) return NOT_APPLICABLE;
  // Controls whose failure knocks a vendor out fail rarely, and mostly for poor vendors.
  const failing = question.knockout ? 0.3 * (1 - quality) ** 2 : 0.6 * (1 - quality) ** 1.3;
  switch (question.type) {
    case 'BOOLEAN': {
      const yes = question.points?.yes ?? 0;
      const no = question.points?.no ?? 0;
      const good = yes >= no;
      return random.chance(failing) ? !good : good;
    }
    case 'SINGLE_CHOICE': {
      const options = [...(question.options ?? [])].sort(
        (a, b) => (b.points ?? 0) - (a.points ?? 0),
      );
      if (!random.chance(failing))
        return options[random.chance(0.75) ? 0 : 1]?.key ?? options[0]!.key;
      return options[random.int(1, options.length - 1)]!.key;
    }
    case 'MULTI_CHOICE': {
      const chosen = (question.options ?? []).filter((option) =>
        (option.points ?? 0) > 0 ? !random.chance(failing) : random.chance(0.05),
      );
      return chosen.map((option) => option.key);
    }
    case 'NUMBER': {
      const min = question.min ?? 0;
      const max = question.max ?? 1_000;
      // Hours, days: small is good, and only the poorest vendors answer far out.
      return Math.round(min + (max - min) * (1 - quality) ** 2 * random.next() * 0.15);
    }
    case 'DATE':
      return isoDay(anchor - random.between(20, 700) * DAY);
    case 'TEXT':
      return random.pick(TEXT_ANSWERS);
  }
}

/**
 * `count` answer patterns from poor to strong vendors, each scored by `scoreAssessment`, sorted
 * by overall score so that a pattern's index reads as its quality.
 */
export function answerPatterns(
  definition: TemplateDefinition,
  count: number,
  seed: number,
  anchor: number,
): AnswerPattern[] {
  const random = new Random(seed, 'patterns');
  const titles = new Map(definition.sections.map((section) => [section.key, section.title]));
  const made = Array.from({ length: count }, (_, index) => {
    const quality = count === 1 ? 1 : index / (count - 1);
    const states: Record<string, AnswerState> = {};
    const comments = new Map<string, string | null>();
    for (const section of definition.sections) {
      for (const question of section.questions) {
        states[question.key] = answerFor(question, quality, random, anchor);
        comments.set(question.key, random.chance(0.06) ? random.pick(COMMENTS) : null);
      }
    }
    // What a vendor sees is what it answers: drop the answers to hidden questions.
    const visible = visibleQuestionKeys(definition, states);
    for (const key of Object.keys(states)) if (!visible.has(key)) delete states[key];
    const score = scoreAssessment(definition, states);
    const answers = definition.sections.flatMap((section) =>
      section.questions
        .filter((question) => question.key in states)
        .map((question) => {
          const state = states[question.key];
          return {
            questionKey: question.key,
            value: state === NOT_APPLICABLE || state === undefined ? null : state,
            notApplicable: state === NOT_APPLICABLE,
            comment: comments.get(question.key) ?? null,
          };
        }),
    );
    return {
      answers,
      score,
      overall: score.score === null ? null : roundScore(score.score).toFixed(2),
      sections: score.sections.map((section) => ({
        key: section.key,
        title: titles.get(section.key) ?? { en: section.key },
        weight: String(section.weight),
        score: section.score === null ? null : roundScore(section.score).toFixed(2),
      })),
    };
  });
  return made
    .sort((a, b) => (a.score.score ?? -1) - (b.score.score ?? -1))
    .map((pattern, index) => ({ index, ...pattern }));
}

// ---------------------------------------------------------------------------------------------
// Vendors

interface Archetype {
  readonly categories: readonly PersonalDataCategory[];
  readonly count: readonly [number, number];
  readonly volumes: readonly VolumeBand[];
  readonly access: readonly AccessLevel[];
  readonly countries: readonly [number, number];
}

/** Data profiles that land mostly in one tier each: the portfolio spreads over all four. */
const ARCHETYPES: ReadonlyArray<readonly [Archetype, number]> = [
  [
    {
      categories: [
        PersonalDataCategory.Contact,
        PersonalDataCategory.Identifiers,
        PersonalDataCategory.Financial,
        PersonalDataCategory.Health,
        PersonalDataCategory.GovernmentId,
        PersonalDataCategory.Credentials,
        PersonalDataCategory.Biometric,
      ],
      count: [3, 5],
      volumes: [VolumeBand.From100kTo1m, VolumeBand.Over1m],
      access: [AccessLevel.Write, AccessLevel.Admin],
      countries: [2, 3],
    },
    12,
  ],
  [
    {
      categories: [
        PersonalDataCategory.Contact,
        PersonalDataCategory.Identifiers,
        PersonalDataCategory.Financial,
        PersonalDataCategory.Employee,
        PersonalDataCategory.PreciseLocation,
      ],
      count: [2, 3],
      volumes: [VolumeBand.From10kTo100k, VolumeBand.From100kTo1m],
      access: [AccessLevel.Read, AccessLevel.Write],
      countries: [1, 2],
    },
    28,
  ],
  [
    {
      categories: [
        PersonalDataCategory.Contact,
        PersonalDataCategory.Identifiers,
        PersonalDataCategory.Employee,
      ],
      count: [1, 2],
      volumes: [VolumeBand.Under10k, VolumeBand.From10kTo100k],
      access: [AccessLevel.None, AccessLevel.Read],
      countries: [1, 2],
    },
    38,
  ],
  [
    {
      categories: [PersonalDataCategory.Contact],
      count: [0, 1],
      volumes: [VolumeBand.None, VolumeBand.Under10k],
      access: [AccessLevel.None, AccessLevel.Read],
      countries: [1, 1],
    },
    22,
  ],
];

const COUNTRIES = ['US', 'DE', 'IE', 'GB', 'FR', 'NL', 'CN', 'SG', 'JP', 'IN', 'CA', 'AU'];
const TAGS = [
  'saas',
  'payroll',
  'marketing',
  'analytics',
  'infrastructure',
  'critical-path',
  'hr',
  'finance',
  'support',
  'logistics',
  'ai',
  'legacy',
];
const NAME_STEMS = [
  'North',
  'Blue',
  'Cedar',
  'Harbor',
  'Summit',
  'Lumen',
  'Vector',
  'Granite',
  'Orchid',
  'Atlas',
  'Kite',
  'Maple',
  'Quartz',
  'Zephyr',
  'Jade',
  'Meridian',
  'Pioneer',
  'Silver',
  'Tidal',
  'Willow',
];
const NAME_ENDS = [
  'wind',
  'stone',
  'field',
  'line',
  'bridge',
  'works',
  'point',
  'path',
  'gate',
  'scale',
  'sphere',
  'forge',
];
const NAME_KINDS = [
  'Analytics',
  'Payroll',
  'Cloud',
  'Logistics',
  'Marketing',
  'Security',
  'Health',
  'Support',
  'Data',
  'Payments',
  'HR',
  'Hosting',
];
const SERVICES: Readonly<Record<string, string>> = {
  Analytics: 'Product analytics and dashboards',
  Payroll: 'Payroll processing and payslips',
  Cloud: 'Cloud hosting of customer-facing services',
  Logistics: 'Shipping and delivery of orders',
  Marketing: 'Email campaigns and audience segmentation',
  Security: 'Managed detection and response',
  Health: 'Occupational health services for employees',
  Support: 'Customer support desk and chat',
  Data: 'Data warehousing and ETL',
  Payments: 'Card payments and refunds',
  HR: 'Recruiting and HR records',
  Hosting: 'Managed databases and backups',
};
const FIRST_NAMES = [
  'Li',
  'Wei',
  'Anna',
  'James',
  'Sofia',
  'Chen',
  'Maria',
  'Tom',
  'Yuki',
  'Priya',
];
const LAST_NAMES = ['Zhang', 'Müller', 'Smith', 'García', 'Wang', 'Tanaka', 'Dubois', 'Patel'];
const CONTACT_ROLES = ['Data protection officer', 'Security lead', 'Account manager', null];

interface VendorPlan {
  readonly row: Row;
  readonly id: string;
  readonly tier: RiskTier;
  readonly regimes: readonly Regime[];
  readonly lifecycle: 'PROSPECT' | 'ACTIVE' | 'OFFBOARDED';
  readonly createdAt: number;
  readonly offboardedAt: number | null;
  /** `none`: never sent anything; `initial`: one open first assessment; `history`: cycles. */
  readonly history: 'none' | 'initial' | 'history';
  /** Past due: the last cycle ended more than a tier's interval ago. */
  readonly lapsed: boolean;
  readonly quality: number;
  readonly riskOwner: GeneratedMember | null;
  readonly contacts: ReadonlyArray<{ id: string; language: 'en' | 'zh-CN' }>;
  assessments: number;
}

// ---------------------------------------------------------------------------------------------
// The organization

export interface OrganizationSpec {
  readonly key: string;
  readonly name: string;
  readonly emailDomain: string;
  readonly roles: ReadonlyArray<readonly [Role, number]>;
  readonly scale: PortfolioScale;
}

/** Everything one organization holds. */
export function generateOrganization(
  spec: OrganizationSpec,
  definition: TemplateDefinition,
  patterns: readonly AnswerPattern[],
  seed: number,
  anchorDay: string,
  passwordHash: string,
): GeneratedOrganization {
  const anchor = Date.parse(`${anchorDay}T12:00:00.000Z`);
  const random = (concern: string) => new Random(seed, `${spec.key}:${concern}`);
  const ids = random('ids');
  const since = anchor - 1_200 * DAY;
  const organizationId = ids.uuidAt(since);

  // Members: every role, more risk owners than anyone else.
  const members: GeneratedMember[] = [];
  const users: Row[] = [];
  const memberships: Row[] = [];
  for (const [role, count] of spec.roles) {
    for (let n = 1; n <= count; n++) {
      const at = since + members.length * 3_600_000;
      const slug = role.toLowerCase().replace('_', '.');
      const member: GeneratedMember = {
        userId: ids.uuidAt(at),
        membershipId: ids.uuidAt(at),
        email: `${slug}${n}@${spec.emailDomain}`,
        displayName: `${role === Role.RiskOwner ? 'Risk owner' : role[0] + role.slice(1).toLowerCase()} ${n}`,
        role,
      };
      members.push(member);
      users.push({
        id: member.userId,
        created_at: iso(at),
        updated_at: iso(at),
        email: member.email,
        display_name: member.displayName,
        password_hash: passwordHash,
      });
      memberships.push({
        id: member.membershipId,
        created_at: iso(at),
        updated_at: iso(at),
        organization_id: organizationId,
        user_id: member.userId,
        role,
      });
    }
  }
  const ofRole = (role: Role) => members.filter((member) => member.role === role);
  const riskOwners = ofRole(Role.RiskOwner);
  const procurement = ofRole(Role.Procurement);

  // The questionnaire, published before the first assessment.
  const templateId = ids.uuidAt(since + DAY);
  const templateVersionId = ids.uuidAt(since + DAY);
  const publishedAt = iso(since + 2 * DAY);
  const templates: Row[] = [
    {
      id: templateId,
      created_at: iso(since + DAY),
      updated_at: publishedAt,
      organization_id: organizationId,
      name: 'Vendor privacy essentials',
      name_key: 'vendor privacy essentials',
      description: 'Five sections of the vendor privacy baseline, sent to every vendor each cycle.',
      library_key: null,
      version: 1,
    },
  ];
  const versions: Row[] = [
    {
      id: templateVersionId,
      created_at: iso(since + DAY),
      updated_at: publishedAt,
      organization_id: organizationId,
      template_id: templateId,
      number: 1,
      status: 'PUBLISHED',
      definition,
      question_count: countQuestions(definition),
      checksum: definitionChecksum(definition),
      based_on_id: null,
      library_key: null,
      library_version: null,
      created_by: members[0]!.userId,
      published_at: publishedAt,
      published_by: members[0]!.userId,
      retired_at: null,
      revision: 2,
    },
  ];

  const vendors = planVendors(spec, random, anchor, organizationId, riskOwners, procurement);
  allocateAssessments(vendors, spec.scale.assessments);
  const contacts = vendors.flatMap((vendor) =>
    vendorContacts(vendor, organizationId, random('contacts')),
  );
  const { agreements, clauses } = vendorAgreements(
    vendors,
    organizationId,
    anchor,
    members,
    random,
  );
  const { assessments, findings } = vendorAssessments(
    vendors,
    organizationId,
    templateVersionId,
    definition,
    patterns,
    anchor,
    members,
    random,
  );

  return {
    organizationId,
    name: spec.name,
    members,
    templateVersionId,
    rows: {
      organization: [
        { id: organizationId, created_at: iso(since), updated_at: iso(since), name: spec.name },
      ],
      users,
      memberships,
      templates,
      versions,
      vendors: vendors.map((vendor) => vendor.row).sort(byCreation),
      contacts: contacts.sort(byCreation),
      agreements: agreements.sort(
        (a, b) =>
          // A superseded agreement names its successor: insert successors first.
          Number(a.superseded_by_id !== null) - Number(b.superseded_by_id !== null) ||
          byCreation(a, b),
      ),
      clauses: clauses.sort(byCreation),
      assessments: assessments.sort(byCreation),
      findings: findings.sort(byCreation),
    },
  };
}

/** Creation order, as rows arrive in production: ids are UUIDv7s of the creation time. */
function byCreation(a: Row, b: Row): number {
  const [x, y] = [a.id as string, b.id as string];
  return x < y ? -1 : x > y ? 1 : 0;
}

function planVendors(
  spec: OrganizationSpec,
  random: (concern: string) => Random,
  anchor: number,
  organizationId: string,
  riskOwners: readonly GeneratedMember[],
  procurement: readonly GeneratedMember[],
): VendorPlan[] {
  const draw = random('vendors');
  const ids = random('vendor-ids');
  const archetype = rotation(ARCHETYPES);
  const lifecycle = rotation<'PROSPECT' | 'ACTIVE' | 'OFFBOARDED'>([
    ['ACTIVE', 87],
    ['PROSPECT', 6],
    ['OFFBOARDED', 7],
  ]);
  const names = new Set<string>();
  const plans: VendorPlan[] = [];
  for (let i = 0; i < spec.scale.vendors; i++) {
    const shape = archetype();
    const kind = draw.pick(NAME_KINDS);
    let name = `${draw.pick(NAME_STEMS)}${draw.pick(NAME_ENDS)} ${kind}`;
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    names.add(name.toLowerCase());

    const countries = [
      ...new Set(Array.from({ length: draw.int(...shape.countries) }, () => draw.pick(COUNTRIES))),
    ];
    const profile: DataProfile = {
      categories: [
        ...new Set(
          Array.from({ length: draw.int(...shape.count) }, () => draw.pick(shape.categories)),
        ),
      ],
      otherSensitiveData: draw.chance(0.03),
      volume: draw.pick(shape.volumes),
      accessLevel: draw.pick(shape.access),
      processingRole: draw.pick([
        ProcessingRole.Processor,
        ProcessingRole.Processor,
        ProcessingRole.Processor,
        ProcessingRole.SubProcessor,
        ProcessingRole.IndependentController,
      ]),
      dataCountries: countries,
      dataSubjectRegions: [
        ...new Set(
          Array.from({ length: draw.int(1, 2) }, () => draw.pick(Object.values(DataSubjectRegion))),
        ),
      ],
    };
    const risk = computeInherentRisk({ profile, subProcessorCountries: [] }, DEFAULT_RISK_RUBRIC);
    const stage = lifecycle();
    const createdAt =
      stage === 'PROSPECT'
        ? anchor - draw.between(3, 120) * DAY
        : draw.chance(0.04)
          ? anchor - draw.between(2, 60) * DAY // a newly onboarded vendor, not assessed yet
          : anchor - draw.between(60, 1_100) * DAY;
    const offboardedAt =
      stage === 'OFFBOARDED'
        ? Math.max(createdAt + 30 * DAY, anchor - draw.between(10, 400) * DAY)
        : null;
    const fresh = anchor - createdAt < 60 * DAY;
    const history: VendorPlan['history'] =
      stage === 'PROSPECT' || fresh ? (draw.chance(0.5) ? 'initial' : 'none') : 'history';

    // An occasional reviewer's judgement over the computed tier.
    let tier = risk.tier;
    let override: Row = {
      tier_override: null,
      tier_override_justification: null,
      tier_overridden_by: null,
      tier_overridden_at: null,
    };
    const owner = draw.chance(0.04) ? null : draw.pick(riskOwners);
    if (stage !== 'PROSPECT' && draw.chance(0.03)) {
      tier = risk.tier === RiskTier.Tier1 ? RiskTier.Tier2 : RiskTier.Tier1;
      override = {
        tier_override: tier,
        tier_override_justification:
          tier === RiskTier.Tier1
            ? 'Runs a system we cannot operate without: treated as critical.'
            : 'Access limited to a sandbox with synthetic data.',
        tier_overridden_by: (owner ?? riskOwners[0]!).userId,
        tier_overridden_at: iso(createdAt + draw.between(1, 30) * DAY),
      };
    }
    // Past due: a frequently assessed vendor whose last cycle ended more than its interval ago.
    const interval = DEFAULT_REASSESSMENT_POLICY[tier].intervalMonths;
    const lapsed =
      stage === 'ACTIVE' &&
      history === 'history' &&
      interval <= 12 &&
      createdAt < anchor - (interval * 30.5 + 150) * DAY &&
      draw.chance(0.2);
    const id = ids.uuidAt(createdAt);
    const contactCount = draw.int(1, 3);
    const chinese = countries.includes('CN');
    const contacts = Array.from({ length: contactCount }, (_, n) => ({
      id: ids.uuidAt(createdAt + (n + 1) * 60_000),
      language: (chinese && draw.chance(0.7) ? 'zh-CN' : 'en') as 'en' | 'zh-CN',
    }));
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    plans.push({
      id,
      tier,
      regimes: risk.regimes,
      lifecycle: stage,
      createdAt,
      offboardedAt,
      history,
      lapsed,
      // Most vendors are decent, some are poor.
      quality: Math.min(1, Math.max(0, 1 - draw.next() ** 1.6 * 0.95)),
      riskOwner: owner,
      contacts,
      assessments: 0,
      row: {
        id,
        created_at: iso(createdAt),
        updated_at: iso(offboardedAt ?? createdAt),
        organization_id: organizationId,
        name,
        name_key: name.toLowerCase(),
        legal_name: `${name} ${draw.pick(['Ltd', 'GmbH', 'Inc.', 'Co., Ltd.', 'B.V.'])}`,
        website: `https://${slug}.example`,
        country: countries[0] ?? null,
        services: SERVICES[kind] ?? null,
        lifecycle: stage,
        business_owner_id: draw.chance(0.7) ? draw.pick(procurement).membershipId : null,
        risk_owner_id: owner?.membershipId ?? null,
        tags: draw.some(TAGS, 0.12).slice(0, 3),
        data_categories: profile.categories,
        other_sensitive_data: profile.otherSensitiveData,
        volume_band: profile.volume,
        access_level: profile.accessLevel,
        processing_role: profile.processingRole,
        data_countries: profile.dataCountries,
        data_subject_regions: profile.dataSubjectRegions,
        sensitive_data: risk.sensitiveData,
        cross_border: risk.crossBorder,
        inherent_risk_score: risk.score,
        computed_tier: risk.tier,
        tier,
        risk_reasons: risk.reasons,
        risk_algorithm_version: risk.algorithmVersion,
        risk_rubric_version: 0,
        regimes: risk.regimes,
        requirements: risk.requirements,
        ...override,
        offboarded_at: offboardedAt === null ? null : iso(offboardedAt),
        offboarding_reason:
          offboardedAt === null
            ? null
            : draw.pick([
                'Contract ended',
                'Replaced by another vendor',
                'Service no longer needed',
              ]),
        version: 1,
        residual_rating: null,
        last_assessed_at: null,
        last_assessment_id: null,
        next_assessment_due_at: null,
        reassessment_scheduled_for: null,
        reassessment_started_for: null,
        reassessment_trigger: null,
      },
    });
  }
  return plans;
}

/** Spreads `total` assessments: one per vendor with an open first one, the rest by tier. */
function allocateAssessments(vendors: VendorPlan[], total: number): void {
  const initial = vendors.filter((vendor) => vendor.history === 'initial');
  const cycling = vendors.filter((vendor) => vendor.history === 'history');
  for (const vendor of initial) vendor.assessments = 1;
  let remaining = total - initial.length;
  if (remaining < cycling.length)
    throw new Error(`${total} assessments are too few for ${vendors.length} vendors`);
  const TIER_WEIGHT: Record<RiskTier, number> = {
    [RiskTier.Tier1]: 4,
    [RiskTier.Tier2]: 2.5,
    [RiskTier.Tier3]: 1.5,
    [RiskTier.Tier4]: 1,
  };
  const weights = cycling.map((vendor) => TIER_WEIGHT[vendor.tier]);
  const sum = weights.reduce((a, b) => a + b, 0);
  // One each, then the rest in proportion, largest remainders first.
  const shares = weights.map((weight) => ((remaining - cycling.length) * weight) / sum);
  cycling.forEach((vendor, index) => (vendor.assessments = 1 + Math.floor(shares[index]!)));
  remaining -= cycling.reduce((count, vendor) => count + vendor.assessments, 0);
  const order = shares
    .map((share, index) => ({ index, rest: share - Math.floor(share) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let n = 0; n < remaining; n++) cycling[order[n % order.length]!.index]!.assessments += 1;
}

function vendorContacts(vendor: VendorPlan, organizationId: string, draw: Random): Row[] {
  const domain = `${(vendor.row.name as string).toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  return vendor.contacts.map((contact, n) => {
    const first = draw.pick(FIRST_NAMES);
    const last = draw.pick(LAST_NAMES);
    const at = iso(vendor.createdAt + (n + 1) * 60_000);
    return {
      id: contact.id,
      created_at: at,
      updated_at: at,
      organization_id: organizationId,
      vendor_id: vendor.id,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${n + 1}@${domain}`,
      role: draw.pick(CONTACT_ROLES),
      language: contact.language,
      is_primary: n === 0,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Agreements

function vendorAgreements(
  vendors: readonly VendorPlan[],
  organizationId: string,
  anchor: number,
  members: readonly GeneratedMember[],
  random: (concern: string) => Random,
): { agreements: Row[]; clauses: Row[] } {
  const draw = random('agreements');
  const ids = random('agreement-ids');
  const status = rotation<AgreementStatus>([
    [AgreementStatus.Signed, 64],
    [AgreementStatus.Draft, 7],
    [AgreementStatus.Sent, 7],
    [AgreementStatus.Expired, 8],
  ]);
  const expiry = rotation<'none' | 'soon' | 'lapsed' | 'later'>([
    ['later', 64],
    ['none', 18],
    ['soon', 13],
    ['lapsed', 5],
  ]);
  const checklist = rotation<'complete' | 'missing'>([
    ['complete', 7],
    ['missing', 3],
  ]);
  const reviewers = members.filter((member) => member.role !== Role.Viewer);
  const agreements: Row[] = [];
  const clauses: Row[] = [];
  let reference = 0;

  const add = (
    vendor: VendorPlan,
    type: AgreementType,
    state: AgreementStatus,
    dates: { created: number; effective: number | null; expiry: number | null; changed: number },
    supersededBy: string | null = null,
  ): string => {
    const id = ids.uuidAt(dates.created);
    const signed = state !== AgreementStatus.Draft && state !== AgreementStatus.Sent;
    const signedAt = iso(Math.min(dates.effective ?? dates.changed, anchor));
    agreements.push({
      id,
      created_at: iso(dates.created),
      updated_at: iso(dates.changed),
      organization_id: organizationId,
      vendor_id: vendor.id,
      type,
      status: state,
      title: `${type === AgreementType.Dpa ? 'Data processing agreement' : type.replaceAll('_', ' ')} with ${vendor.row.name as string}`,
      reference: `${type}-${new Date(dates.created).getUTCFullYear()}-${String(++reference).padStart(5, '0')}`,
      effective_date: dates.effective === null ? null : isoDay(dates.effective),
      expiry_date: dates.expiry === null ? null : isoDay(dates.expiry),
      signatories: signed
        ? [
            {
              party: 'ORGANIZATION',
              name: 'Dana Legal',
              title: 'General counsel',
              email: null,
              signedAt,
            },
            { party: 'VENDOR', name: 'Chris Vendor', title: 'CEO', email: null, signedAt },
          ]
        : [],
      document_file_id: null,
      document_sha256: signed ? sha256(id) : null,
      notes: null,
      superseded_by_id: supersededBy,
      status_reason:
        state === AgreementStatus.Terminated
          ? 'The vendor relationship ended'
          : state === AgreementStatus.Superseded
            ? 'Replaced by a new version'
            : null,
      status_changed_at: iso(dates.changed),
      version: signed ? 3 : 1,
    });
    // The checklist of the catalogs the vendor's regimes need (a DPA holds all three).
    const catalogs = catalogsOfType(type).filter((catalog) =>
      vendor.regimes.includes(catalog.regime),
    );
    const entries: CatalogClause[] = catalogs.flatMap((catalog) => [...catalog.clauses]);
    const reviewed = signed ? entries : entries.slice(0, Math.ceil(entries.length / 2));
    const gaps = new Set<string>();
    if (entries.length > 0 && (!signed || checklist() === 'missing')) {
      const mandatory = entries.filter((entry) => entry.mandatory);
      for (let n = draw.int(1, 2); n > 0; n--) gaps.add(draw.pick(mandatory).id);
    }
    const reviewer = draw.pick(reviewers).userId;
    reviewed.forEach((entry, n) => {
      clauses.push({
        id: ids.uuidAt(dates.created + (n + 1) * 1_000),
        created_at: iso(dates.created + (n + 1) * 1_000),
        updated_at: iso(dates.changed),
        organization_id: organizationId,
        agreement_id: id,
        clause_id: entry.id,
        status: gaps.has(entry.id)
          ? ClauseStatus.Missing
          : !entry.mandatory && draw.chance(0.5)
            ? ClauseStatus.NotApplicable
            : ClauseStatus.Present,
        note: gaps.has(entry.id) ? 'Not in the signed text; raised with the vendor.' : null,
        reviewed_by: reviewer,
      });
    });
    return id;
  };

  for (const vendor of vendors) {
    if (vendor.lifecycle === 'PROSPECT' && draw.chance(0.6)) continue;
    if (vendor.lifecycle !== 'PROSPECT' && draw.chance(0.07)) continue; // no agreement at all
    const regimes = vendor.regimes;
    const type =
      regimes.length === 1 && regimes[0] === Regime.Pipl && draw.chance(0.5)
        ? AgreementType.PiplEntrustedProcessing
        : regimes.length === 1 && regimes[0] === Regime.Ccpa && draw.chance(0.4)
          ? AgreementType.CcpaServiceProvider
          : regimes.includes(Regime.Gdpr) && draw.chance(0.15)
            ? AgreementType.SccEu
            : AgreementType.Dpa;
    const start =
      vendor.createdAt + Math.min(20 * DAY, (anchor - vendor.createdAt) * draw.between(0.01, 0.2));
    const state =
      vendor.lifecycle === 'OFFBOARDED'
        ? AgreementStatus.Terminated
        : vendor.lifecycle === 'PROSPECT'
          ? draw.pick([AgreementStatus.Draft, AgreementStatus.Sent])
          : status();
    if (state === AgreementStatus.Signed) {
      const effective = Math.min(start + draw.between(5, 30) * DAY, anchor - DAY);
      const when = expiry();
      const ends =
        when === 'none'
          ? null
          : when === 'soon'
            ? anchor + draw.between(1, 90) * DAY
            : when === 'lapsed'
              ? Math.max(effective + DAY, anchor - draw.between(1, 60) * DAY)
              : anchor + draw.between(91, 1_100) * DAY;
      const current = add(vendor, type, state, {
        created: start,
        effective,
        expiry: ends,
        changed: effective,
      });
      // An older agreement the current one replaced.
      if (draw.chance(0.15) && vendor.createdAt < anchor - 400 * DAY) {
        add(
          vendor,
          type,
          AgreementStatus.Superseded,
          {
            created: vendor.createdAt + DAY,
            effective: vendor.createdAt + 5 * DAY,
            expiry: null,
            changed: effective,
          },
          current,
        );
      }
    } else if (state === AgreementStatus.Expired) {
      const ends = anchor - draw.between(1, 390) * DAY;
      const effective = Math.min(start + 10 * DAY, ends - 30 * DAY);
      add(vendor, type, state, {
        created: Math.min(start, effective - 5 * DAY),
        effective,
        expiry: ends,
        changed: ends + DAY,
      });
    } else if (state === AgreementStatus.Terminated) {
      const effective = start + 10 * DAY;
      const ended = vendor.offboardedAt ?? anchor - DAY;
      add(vendor, type, state, {
        created: start,
        effective,
        expiry: null,
        changed: Math.max(ended, effective + DAY),
      });
    } else {
      const created = Math.max(start, anchor - draw.between(1, 60) * DAY);
      add(vendor, type, state, { created, effective: null, expiry: null, changed: created });
    }
    if (vendor.lifecycle !== 'PROSPECT' && draw.chance(0.35)) {
      const effective = start + draw.between(0, 10) * DAY;
      add(vendor, AgreementType.Nda, AgreementStatus.Signed, {
        created: start,
        effective,
        expiry: effective + 3 * 365 * DAY,
        changed: effective,
      });
    }
    if (vendor.lifecycle !== 'PROSPECT' && draw.chance(0.04)) {
      const effective = start + draw.between(10, 40) * DAY;
      add(vendor, draw.pick([AgreementType.UkIdta, AgreementType.Other]), AgreementStatus.Signed, {
        created: start,
        effective,
        expiry: null,
        changed: effective,
      });
    }
  }
  return { agreements, clauses };
}

// ---------------------------------------------------------------------------------------------
// Assessments, their scores and findings

const OPEN_AGE_DAYS: Readonly<Record<string, readonly [number, number]>> = {
  [AssessmentStatus.Draft]: [0.5, 10],
  [AssessmentStatus.Sent]: [1, 45],
  [AssessmentStatus.InProgress]: [5, 70],
  [AssessmentStatus.Submitted]: [8, 50],
  [AssessmentStatus.InReview]: [12, 60],
  [AssessmentStatus.ChangesRequested]: [20, 70],
};
const MANUAL_FINDINGS = [
  'Sub-processor list out of date',
  'Penetration test report older than a year',
  'Retention period longer than the contract allows',
  'No named contact for breach notification',
  'Backups stored in a third country without a transfer mechanism',
  'Shared administrator accounts in the support tool',
];
const DUE_DAYS: Readonly<Record<FindingSeverity, number>> = {
  CRITICAL: 14,
  HIGH: 30,
  MEDIUM: 60,
  LOW: 90,
};

function vendorAssessments(
  vendors: readonly VendorPlan[],
  organizationId: string,
  templateVersionId: string,
  definition: TemplateDefinition,
  patterns: readonly AnswerPattern[],
  anchor: number,
  members: readonly GeneratedMember[],
  random: (concern: string) => Random,
): { assessments: Row[]; findings: Row[] } {
  const draw = random('assessments');
  const ids = random('assessment-ids');
  const findingDraw = random('findings');
  const findingIds = random('finding-ids');
  const openStatus = rotation<AssessmentStatus>([
    [AssessmentStatus.Draft, 10],
    [AssessmentStatus.Sent, 20],
    [AssessmentStatus.InProgress, 25],
    [AssessmentStatus.Submitted, 13],
    [AssessmentStatus.InReview, 20],
    [AssessmentStatus.ChangesRequested, 12],
  ]);
  const closedStatus = rotation<AssessmentStatus>([
    [AssessmentStatus.Completed, 19],
    [AssessmentStatus.Cancelled, 1],
  ]);
  const cycle = rotation<AssessmentCycle>([
    [AssessmentCycle.Periodic, 22],
    [AssessmentCycle.AdHoc, 2],
    [AssessmentCycle.Triggered, 1],
  ]);
  const manualSeverity = rotation<FindingSeverity>([
    ['LOW', 4],
    ['MEDIUM', 5],
    ['HIGH', 3],
    ['CRITICAL', 1],
  ]);
  const findingStatus = {
    recent: rotation<FindingStatus>([
      [FindingStatus.Open, 10],
      [FindingStatus.InRemediation, 6],
      [FindingStatus.Resolved, 2],
      [FindingStatus.RiskAccepted, 1],
    ]),
    middle: rotation<FindingStatus>([
      [FindingStatus.Open, 3],
      [FindingStatus.InRemediation, 5],
      [FindingStatus.Resolved, 8],
      [FindingStatus.RiskAccepted, 3],
    ]),
    old: rotation<FindingStatus>([
      [FindingStatus.Open, 1],
      [FindingStatus.InRemediation, 1],
      [FindingStatus.Resolved, 14],
      [FindingStatus.RiskAccepted, 5],
    ]),
  };
  const riskOwners = members.filter((member) => member.role === Role.RiskOwner);
  const senders = members.filter((member) => member.role === Role.Procurement);
  const questions = new Map(
    definition.sections.flatMap((section) =>
      section.questions.map((question) => [question.key, question]),
    ),
  );
  const primary = definition.languages[0]!;
  const ratings = new Map<string, ReturnType<typeof residualRating>>();
  const assessments: Row[] = [];
  const findings: Row[] = [];

  const patternFor = (vendor: VendorPlan, progress: number) => {
    const quality = vendor.quality + 0.06 * progress + 0.1 * draw.normal();
    const index = Math.round(Math.min(1, Math.max(0, quality)) * (patterns.length - 1));
    return patterns[index]!;
  };

  const raiseFindings = (
    assessment: Row,
    vendor: VendorPlan,
    pattern: AnswerPattern,
    at: number,
    manual: boolean,
  ) => {
    const language = assessment.language as string;
    const text = (value: LocalizedText | null | undefined) =>
      value ? (value[language] ?? value[primary] ?? null) : null;
    const wanted: Array<{
      source: FindingSource;
      key: string | null;
      severity: FindingSeverity;
      title: string;
      description: string | null;
    }> = [];
    for (const knockout of pattern.score.failedKnockouts) {
      const question = text(questions.get(knockout.questionKey)?.text) ?? knockout.questionKey;
      const finding = text(knockout.finding);
      wanted.push({
        source: FindingSource.Knockout,
        key: knockout.questionKey,
        severity: knockout.severity,
        title: finding ?? question,
        description: finding ? question : null,
      });
    }
    for (const flagged of pattern.score.flaggedAnswers) {
      const question = text(questions.get(flagged.questionKey)?.text) ?? flagged.questionKey;
      wanted.push({
        source: FindingSource.FlaggedAnswer,
        key: flagged.questionKey,
        severity: flagged.severity,
        title: text(flagged.finding) ?? question,
        description: question,
      });
    }
    if (manual) {
      wanted.push({
        source: FindingSource.Manual,
        key: null,
        severity: manualSeverity(),
        title: findingDraw.pick(MANUAL_FINDINGS),
        description: 'Raised in review.',
      });
    }
    const age = (anchor - at) / DAY;
    const bucket =
      assessment.status !== AssessmentStatus.Completed || age < 90
        ? 'recent'
        : age < 365
          ? 'middle'
          : 'old';
    for (const item of wanted) {
      const state = findingStatus[bucket]();
      const created = at + findingDraw.between(0, 2) * 3_600_000;
      const owner =
        state === FindingStatus.Open && findingDraw.chance(0.5)
          ? null
          : (vendor.riskOwner ?? riskOwners[0]!);
      const span = Math.max(1, Math.min(180, (anchor - created) / DAY - 1));
      const resolved =
        state === FindingStatus.Resolved ? created + findingDraw.between(1, span) * DAY : null;
      const responded = created + findingDraw.between(0.5, Math.max(0.6, span / 2)) * DAY;
      const answeredByVendor =
        (state === FindingStatus.InRemediation || state === FindingStatus.Resolved) &&
        findingDraw.chance(0.7);
      const accepted = created + findingDraw.between(0.5, span) * DAY;
      findings.push({
        id: findingIds.uuidAt(created),
        created_at: iso(created),
        updated_at: iso(
          resolved ??
            (state === FindingStatus.RiskAccepted
              ? accepted
              : answeredByVendor
                ? responded
                : created),
        ),
        organization_id: organizationId,
        vendor_id: vendor.id,
        assessment_id: assessment.id,
        question_key: item.key,
        source: item.source,
        severity: item.severity,
        title: item.title.slice(0, 300),
        description: item.description,
        status: state,
        owner_id: owner?.userId ?? null,
        due_date: isoDay(created + DUE_DAYS[item.severity] * DAY),
        vendor_response: answeredByVendor
          ? {
              plan: 'We will fix this in the next release and send evidence.',
              targetDate: isoDay(created + DUE_DAYS[item.severity] * DAY),
              evidenceFileIds: [],
              respondedAt: iso(responded),
            }
          : null,
        risk_acceptance:
          state === FindingStatus.RiskAccepted
            ? {
                justification: 'Compensating controls in place; reviewed with the business owner.',
                expiresOn: isoDay(accepted + 365 * DAY),
                acceptedBy: (owner ?? riskOwners[0]!).userId,
                acceptedAt: iso(accepted),
              }
            : null,
        resolved_at: resolved === null ? null : iso(resolved),
        version: state === FindingStatus.Open ? 1 : 2 + Number(answeredByVendor),
      });
    }
  };

  for (const vendor of vendors) {
    if (vendor.assessments === 0) continue;
    const reviewer = vendor.riskOwner ?? draw.pick(riskOwners);
    const contactOf = () => (draw.chance(0.85) ? vendor.contacts[0]! : draw.pick(vendor.contacts));
    const interval = DEFAULT_REASSESSMENT_POLICY[vendor.tier].intervalMonths;
    const windowStart = Math.max(vendor.createdAt + 3 * DAY, anchor - WINDOW_DAYS * DAY);
    const windowEnd =
      vendor.offboardedAt ??
      (vendor.lapsed ? anchor - (interval * 30.5 + draw.between(5, 120)) * DAY : anchor);
    const hasOpen =
      vendor.history === 'initial' ||
      (vendor.lifecycle !== 'OFFBOARDED' && draw.chance(vendor.lapsed ? 0.5 : 0.42));
    let open: { status: AssessmentStatus; created: number } | null = null;
    if (hasOpen) {
      const status = vendor.lapsed
        ? draw.pick([AssessmentStatus.Sent, AssessmentStatus.InProgress])
        : openStatus();
      const [low, high] = vendor.lapsed ? [35, 120] : OPEN_AGE_DAYS[status]!;
      const age = Math.min(draw.between(low, high), (anchor - vendor.createdAt) / DAY - 0.5);
      open = { status, created: anchor - age * DAY };
    }
    const closed = vendor.assessments - (open ? 1 : 0);
    const closedEnd = Math.max(
      windowStart + DAY,
      Math.min(windowEnd, (open?.created ?? anchor) - DAY),
    );
    const slot = (closedEnd - windowStart) / Math.max(1, closed);
    let previous: { id: string; pattern: AnswerPattern; from: number } | null = null;
    let lastCompleted: { id: string; at: number; rating: string } | null = null;
    let completedCount = 0;

    for (let j = 0; j < vendor.assessments; j++) {
      const isOpen = open !== null && j === vendor.assessments - 1;
      const start = windowStart + j * slot;
      const created = isOpen ? open!.created : start + slot * draw.between(0, 0.1);
      const status = isOpen ? open!.status : closedStatus();
      const pattern = patternFor(vendor, j / Math.max(1, vendor.assessments - 1));
      const contact = contactOf();
      const span = isOpen ? anchor - created : slot;
      const sent =
        status === AssessmentStatus.Draft ? null : created + span * draw.between(0.005, 0.05);
      const id = ids.uuidAt(created);
      const row: Row = {
        id,
        created_at: iso(created),
        organization_id: organizationId,
        vendor_id: vendor.id,
        template_version_id: templateVersionId,
        contact_id: contact.id,
        cycle: j === 0 ? AssessmentCycle.Initial : cycle(),
        status,
        language: contact.language,
        due_date: isoDay((sent ?? created + 7 * DAY) + 30 * DAY),
        sent_by: sent === null ? null : draw.pick(senders).userId,
        sent_at: sent === null ? null : iso(sent),
        submitted_at: null,
        cancelled_at: null,
        cancel_reason: null,
        overall_score: null,
        version: 1,
        reviewer_id: null,
        review_started_at: null,
        reopened_question_keys: [],
        score_override: null,
        score_override_justification: null,
        score_overridden_by: null,
        score_overridden_at: null,
        residual_rating: null,
        rating_reasons: null,
        decision: null,
        decision_note: null,
        decided_by: null,
        completed_at: null,
        coverage_exception: null,
        // For the loader: which pattern, how many of its answers, when, by whom.
        pattern: pattern.index,
        scored: false,
        answered: 0,
        answer_from: sent === null ? null : iso(sent),
        answer_to: null,
        answered_by: contact.id,
        previous_id: null,
        previous_pattern: null,
        previous_from: null,
      };
      let updated = sent ?? created;
      const submit = (at: number) => {
        row.submitted_at = iso(at);
        row.answer_to = iso(at - 60_000);
        row.answered = pattern.answers.length;
        row.scored = true;
        row.overall_score = pattern.overall;
        updated = at;
      };
      const startReview = (at: number) => {
        row.reviewer_id = reviewer.userId;
        row.review_started_at = iso(at);
        updated = at;
      };
      if (sent !== null) {
        const end = isOpen ? anchor : start + slot * 0.95;
        switch (status) {
          case AssessmentStatus.InProgress: {
            const partial = Math.max(
              1,
              Math.floor(pattern.answers.length * draw.between(0.1, 0.9)),
            );
            row.answered = partial;
            row.answer_to = iso(sent + (end - sent) * draw.between(0.3, 0.95));
            updated = Date.parse(row.answer_to as string);
            row.version = 2;
            break;
          }
          case AssessmentStatus.Submitted:
            submit(sent + (end - sent) * draw.between(0.3, 0.8));
            row.version = 3;
            break;
          case AssessmentStatus.InReview:
          case AssessmentStatus.ChangesRequested: {
            const submitted = sent + (end - sent) * draw.between(0.3, 0.7);
            submit(submitted);
            startReview(submitted + (end - submitted) * draw.between(0.05, 0.5));
            row.version = 4;
            if (status === AssessmentStatus.ChangesRequested) {
              row.reopened_question_keys = draw
                .some(pattern.answers, 0.1)
                .slice(0, 3)
                .map((answer) => answer.questionKey);
              if ((row.reopened_question_keys as string[]).length === 0)
                row.reopened_question_keys = [pattern.answers[0]!.questionKey];
              updated += (end - updated) * draw.between(0.05, 0.5);
              row.version = 5;
            }
            break;
          }
          case AssessmentStatus.Cancelled: {
            const cancelled = sent + (end - sent) * draw.between(0.1, 0.6);
            row.cancelled_at = iso(cancelled);
            row.cancel_reason = draw.pick([
              'Replaced by an ad-hoc assessment',
              'The vendor contact left',
              'Sent by mistake',
              'The vendor was offboarded',
            ]);
            if (draw.chance(0.5)) {
              row.answered = Math.max(
                1,
                Math.floor(pattern.answers.length * draw.between(0.1, 0.6)),
              );
              row.answer_to = iso(sent + (cancelled - sent) * 0.9);
            }
            updated = cancelled;
            row.version = 2;
            break;
          }
          case AssessmentStatus.Completed: {
            const submitted = sent + (end - sent) * draw.between(0.2, 0.55);
            submit(submitted);
            const reviewStarted = submitted + (end - submitted) * draw.between(0.02, 0.2);
            startReview(reviewStarted);
            const completed = reviewStarted + (end - reviewStarted) * draw.between(0.05, 0.5);
            let effective = pattern.score.score === null ? null : roundScore(pattern.score.score);
            const reasons: string[] = [];
            if (effective !== null && draw.chance(0.03)) {
              const override = Math.min(100, roundScore(effective + draw.between(3, 15)));
              row.score_override = override.toFixed(2);
              row.score_override_justification =
                'Evidence sent after submission closes two of the gaps.';
              row.score_overridden_by = reviewer.userId;
              row.score_overridden_at = iso(reviewStarted + (completed - reviewStarted) / 2);
              reasons.push(
                `reviewer's score ${override} instead of the computed ${Number(pattern.overall)}: ${row.score_override_justification as string}`,
              );
              effective = override;
            }
            const key = `${vendor.tier}:${pattern.index}:${effective}`;
            let rating = ratings.get(key);
            if (!rating) {
              rating = residualRating(DEFAULT_RISK_MATRIX, vendor.tier as InherentTier, {
                score: effective,
                failedKnockouts: pattern.score.failedKnockouts,
              });
              ratings.set(key, rating);
            }
            const decision =
              rating.rating === 'CRITICAL'
                ? draw.chance(0.4)
                  ? AssessmentDecision.Rejected
                  : AssessmentDecision.ApprovedWithConditions
                : rating.rating === 'HIGH'
                  ? draw.pick([
                      AssessmentDecision.ApprovedWithConditions,
                      AssessmentDecision.ApprovedWithConditions,
                      AssessmentDecision.Approved,
                    ])
                  : draw.chance(0.85)
                    ? AssessmentDecision.Approved
                    : AssessmentDecision.ApprovedWithConditions;
            Object.assign(row, {
              residual_rating: rating.rating,
              rating_reasons: [...reasons, ...rating.reasons, 'risk matrix version 0'],
              decision,
              decision_note:
                decision === AssessmentDecision.Approved
                  ? null
                  : decision === AssessmentDecision.Rejected
                    ? 'Controls fall short of what this tier needs.'
                    : 'Approved on condition that the open findings are fixed within 90 days.',
              decided_by: reviewer.userId,
              completed_at: iso(completed),
              version: 6,
            });
            updated = completed;
            completedCount += 1;
            lastCompleted = { id, at: completed, rating: rating.rating };
            break;
          }
          default:
            break;
        }
      }
      row.updated_at = iso(updated);
      // A new cycle starts from the answers the vendor stood by last time.
      if (previous && row.cycle !== AssessmentCycle.Initial && (row.answered as number) > 0) {
        row.previous_id = previous.id;
        row.previous_pattern = previous.pattern.index;
        row.previous_from = iso(previous.from);
      }
      if (row.scored) {
        raiseFindings(
          row,
          vendor,
          pattern,
          Date.parse(row.submitted_at as string),
          status === AssessmentStatus.Completed && findingDraw.chance(0.08),
        );
      }
      if (status === AssessmentStatus.Completed) {
        previous = { id, pattern, from: Date.parse(row.answer_from as string) };
      }
      assessments.push(row);
    }

    // The vendor row follows its last completed assessment, as completing one does.
    if (lastCompleted) {
      vendor.row.residual_rating = lastCompleted.rating;
      vendor.row.last_assessed_at = iso(lastCompleted.at);
      vendor.row.last_assessment_id = lastCompleted.id;
      vendor.row.next_assessment_due_at =
        vendor.lifecycle === 'OFFBOARDED'
          ? null
          : iso(addMonths(new Date(lastCompleted.at), interval).getTime());
      vendor.row.version = 1 + completedCount;
      if (Date.parse(vendor.row.updated_at as string) < lastCompleted.at)
        vendor.row.updated_at = iso(lastCompleted.at);
    }
  }
  return { assessments, findings };
}

/** The members, portfolio and questionnaire of every organization in the dataset. */
export function generatePortfolio(
  specs: readonly OrganizationSpec[],
  patterns: number,
  seed: number,
  anchorDay: string,
  passwordHash: string,
): GeneratedPortfolio {
  const definition = datasetDefinition();
  const anchor = Date.parse(`${anchorDay}T12:00:00.000Z`);
  const made = answerPatterns(definition, patterns, seed, anchor);
  return {
    definition,
    patterns: made,
    organizations: specs.map((spec) =>
      generateOrganization(spec, definition, made, seed, anchorDay, passwordHash),
    ),
  };
}
