/*
 * npm run examples -- [GraphQL URL] [options]: the user journeys of examples/, in order, against
 * a running Assay, with an ordinary GraphQL client (graphql-request), printing what each user
 * would see. Exits non-zero on any GraphQL error the journey did not ask for.
 *
 *   URL                    default http://127.0.0.1:3000/graphql (what `npm start` serves)
 *   --data-dir DIR         the server's ASSAY_DATA_DIR, where it writes emails as .eml files
 *                          (default: $ASSAY_DATA_DIR, else ./.assay, the embedded default)
 *   --admin-email EMAIL    act as this existing admin instead of signing up a new organization,
 *   --admin-password PASS  with this password,
 *   --setup-token TOKEN    or first set one with the token `npm run cli -- create-organization`
 *                          printed (the password is then --admin-password, or a new one shown)
 *
 * Without --admin-email the organization comes from signUp, which the server allows with
 * SIGNUP_ENABLED=true: SIGNUP_ENABLED=true npm start, then npm run examples.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AssayClient, OperationFailed, loadOperations } from './api-client.js';
import { Mailbox, invitationToken, tokenOnItsOwnLine } from './mailbox.js';

const USAGE = `Usage: npm run examples -- [GraphQL URL] [--data-dir DIR]
       [--admin-email EMAIL (--admin-password PASSWORD | --setup-token TOKEN)]`;

/** The source directory of the examples: this file runs from dist/examples/. */
const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');

const say = (line = '') => process.stdout.write(`${line}\n`);
const heading = (title: string) => say(`\n${title}`);
const shown = (what: string, detail: string) => say(`  ✓ ${what.padEnd(28)} ${detail}`);
const more = (detail: string) => say(`      ${detail}`);

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A score as people read it: one decimal at most. */
const points = (score: number | null) =>
  score === null ? 'n/a' : String(Math.round(score * 10) / 10);
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const passphrase = () => `examples ${randomBytes(12).toString('base64url')}`;

interface Session {
  readonly email: string;
  readonly client: AssayClient;
}

interface SignInData {
  signIn: {
    session: { accessToken: string; accessTokenExpiresAt: string; role: string } | null;
    secondFactorChallenge: { enrollmentRequired: boolean } | null;
  };
}

interface Question {
  key: string;
  type: string;
  text: string;
  required: boolean;
  evidence: string;
  min: number | null;
  max: number | null;
  options: Array<{ key: string; label: string }>;
  answer: { revision: number; value: unknown; evidenceFileIds: string[] } | null;
}

interface VendorView {
  vendorAssessment: {
    status: string;
    questionnaireName: string;
    language: string;
    dueDate: string;
    progress: { answered: number; required: number };
    sections: Array<{ key: string; title: string; questions: Question[] }>;
  };
}

interface Review {
  assessment: {
    status: string;
    overallScore: number | null;
    score: {
      score: number | null;
      algorithm: string;
      sections: Array<{ key: string; score: number | null; counted: boolean }>;
      failedKnockouts: Array<{ questionKey: string; severity: string }>;
      flaggedAnswers: Array<{ questionKey: string; severity: string }>;
    } | null;
    findings: Array<{ title: string; severity: string; status: string }>;
    vendor: {
      name: string;
      tier: string;
      agreementCoverage: {
        compliant: boolean;
        dpaInForce: boolean;
        regimes: Array<{ regime: string; status: string }>;
      };
    };
  };
}

/** Everything the journeys pass on to one another. */
interface Journey {
  readonly api: AssayClient;
  readonly mailbox: Mailbox;
  /** Short and random: keeps addresses and names of one run apart from the others. */
  readonly run: string;
  /** Whether the organization is new (signed up in this run). */
  fresh: boolean;
  admin?: Session;
  procurement?: Session;
  riskOwner?: Session;
  templateVersionId?: string;
  vendorId?: string;
  contactEmail?: string;
  assessmentId?: string;
}

/** The admin: an organization of their own (sign-up), or an existing one. */
async function signInAdmin(journey: Journey, options: Options): Promise<void> {
  heading('Sign-in (examples/sign-in): the organization and its admin');
  const { api, mailbox } = journey;
  let email = options.adminEmail;
  let password = options.adminPassword;
  let organizationId: string | undefined;
  if (!email) {
    email = `admin.${journey.run}@example.com`;
    password = passphrase();
    const organizationName = `Acme Example ${journey.run}`;
    try {
      await api.run('SignUpMutation', { input: { email, organizationName, locale: 'EN' } });
    } catch (error) {
      if (error instanceof OperationFailed && error.errors[0]?.code === 'FORBIDDEN') {
        throw new Error(
          'This server does not let anyone sign up. Start it with SIGNUP_ENABLED=true, or create ' +
            'an organization with `npm run cli -- create-organization --name Acme --admin-email ' +
            'you@example.com` (stop an embedded server first) and run the examples with ' +
            '--admin-email you@example.com --setup-token <the token it printed>.',
          { cause: error },
        );
      }
      throw error;
    }
    shown('signUp', `asked for "${organizationName}" as ${email}`);
    const confirmation = await mailbox.next(email);
    shown('email', `"${confirmation.subject}"`);
    const created = await api.run<{
      completeSignUp: { organizationId: string; organizationName: string };
    }>('CompleteSignUpMutation', {
      input: { token: tokenOnItsOwnLine(confirmation), password, displayName: 'Ada Admin' },
    });
    organizationId = created.completeSignUp.organizationId;
    shown('completeSignUp', `created "${created.completeSignUp.organizationName}"`);
    journey.fresh = true;
  } else if (options.setupToken) {
    password ??= passphrase();
    await api.run('ResetPasswordMutation', {
      input: { token: options.setupToken, newPassword: password },
    });
    shown('resetPassword', `password set for ${email}`);
    if (!options.adminPassword) more(`(the new password is "${password}")`);
  }
  if (!password) throw new Error(`--admin-email needs --admin-password or --setup-token\n${USAGE}`);
  journey.admin = await signIn(api, email, password, organizationId);
  const viewer = await journey.admin.client.run<{
    viewer: { user: { email: string }; organization: { name: string }; role: string };
  }>('ViewerQuery');
  shown(
    'viewer',
    `${viewer.viewer.user.email} is ${viewer.viewer.role} of "${viewer.viewer.organization.name}"`,
  );
}

async function signIn(
  api: AssayClient,
  email: string,
  password: string,
  organizationId?: string,
): Promise<Session> {
  const data = await api.run<SignInData>('SignInMutation', {
    input: { email, password, organizationId },
  });
  const session = data.signIn.session;
  if (!session) {
    throw new Error(
      `${email} must answer a second factor (verifySecondFactor), which these examples do not do`,
    );
  }
  shown('signIn', `${email} as ${session.role}, token valid until ${session.accessTokenExpiresAt}`);
  return { email, client: api.as(session.accessToken) };
}

/** The admin invites a colleague, who accepts from the email and signs in. */
async function addColleague(journey: Journey, role: string, label: string): Promise<Session> {
  const email = `${label}.${journey.run}@example.com`;
  const invited = await journey.admin!.client.run<{
    inviteMember: { invitation: { role: string; expiresAt: string } };
  }>('InviteMemberMutation', { input: { email, role, locale: 'EN' } });
  shown('inviteMember', `${email} as ${invited.inviteMember.invitation.role}`);
  const invitation = await journey.mailbox.next(email);
  shown('email', `"${invitation.subject}"`);
  const password = passphrase();
  const accepted = await journey.api.run<{
    acceptMemberInvitation: { organizationId: string; organizationName: string; role: string };
  }>('AcceptMemberInvitationMutation', {
    input: { token: tokenOnItsOwnLine(invitation), password, displayName: label },
  });
  const joined = accepted.acceptMemberInvitation;
  shown('acceptMemberInvitation', `${email} joined "${joined.organizationName}" as ${joined.role}`);
  return signIn(journey.api, email, password, joined.organizationId);
}

async function buildTeam(journey: Journey): Promise<void> {
  heading('Sign-in (examples/sign-in): the team');
  journey.procurement = await addColleague(journey, 'PROCUREMENT', 'procurement');
  journey.riskOwner = await addColleague(journey, 'RISK_OWNER', 'risk');
}

/** The risk owner publishes the privacy baseline from the built-in library. */
async function publishQuestionnaire(journey: Journey): Promise<void> {
  heading('Risk owner (examples/risk-owner): a questionnaire to send');
  const client = journey.riskOwner!.client;
  const library = await client.run<{
    questionnaireLibrary: Array<{ key: string; questionCount: number; name: { en: string } }>;
  }>('QuestionnaireLibraryQuery');
  shown('questionnaireLibrary', `${library.questionnaireLibrary.length} questionnaires ship:`);
  for (const entry of library.questionnaireLibrary) {
    more(`${entry.key}: ${entry.name.en} (${entry.questionCount} questions)`);
  }
  const created = await client.run<{
    createQuestionnaireTemplate: {
      template: { name: string };
      version: { id: string; number: number; status: string; questionCount: number };
    };
  }>('CreateQuestionnaireTemplateMutation', {
    input: {
      name: journey.fresh ? 'Vendor privacy baseline' : `Vendor privacy baseline ${journey.run}`,
      fromLibrary: 'vendor-privacy-baseline',
    },
  });
  const { template, version } = created.createQuestionnaireTemplate;
  journey.templateVersionId = version.id;
  shown(
    'createQuestionnaireTemplate',
    `"${template.name}" version ${version.number} ${version.status}, ${version.questionCount} questions`,
  );
}

/** Procurement adds the vendor and its contact, and sends the questionnaire. */
async function sendToVendor(journey: Journey): Promise<void> {
  heading('Procurement (examples/procurement): add a vendor, send the assessment');
  const client = journey.procurement!.client;
  const created = await client.run<{
    createVendor: {
      vendor: {
        id: string;
        name: string;
        inherentRisk: {
          score: number;
          tier: string;
          regimes: string[];
          reasons: Array<{ factor: string; points: number; detail: string }>;
          requirements: Array<{ requirement: string; citation: string }>;
        };
      };
    };
  }>('CreateVendorMutation', {
    input: {
      name: journey.fresh
        ? 'Shanghai Payroll Services'
        : `Shanghai Payroll Services ${journey.run}`,
      country: 'CN',
      services: 'Payroll for the Shanghai office',
      dataProfile: {
        categories: ['EMPLOYEE', 'FINANCIAL', 'GOVERNMENT_ID'],
        volume: 'UNDER_10K',
        accessLevel: 'READ',
        processingRole: 'PROCESSOR',
        dataCountries: ['CN'],
        dataSubjectRegions: ['CHINA'],
      },
    },
  });
  const vendor = created.createVendor.vendor;
  journey.vendorId = vendor.id;
  const risk = vendor.inherentRisk;
  shown(
    'createVendor',
    `"${vendor.name}": inherent risk ${risk.tier} (score ${risk.score}), laws: ${risk.regimes.join(', ')}`,
  );
  for (const reason of risk.reasons) more(`+${reason.points} ${reason.factor}: ${reason.detail}`);
  for (const flag of risk.requirements) more(`needs ${flag.requirement} (${flag.citation})`);

  journey.contactEmail = `dpo.${journey.run}@payroll.example`;
  const contact = await client.run<{
    addVendorContact: { contact: { id: string; name: string; primary: boolean } };
  }>('AddVendorContactMutation', {
    input: {
      vendorId: vendor.id,
      name: 'Li Wei',
      email: journey.contactEmail,
      role: 'DPO',
      language: 'EN',
    },
  });
  shown(
    'addVendorContact',
    `${contact.addVendorContact.contact.name} <${journey.contactEmail}>` +
      (contact.addVendorContact.contact.primary ? ', primary contact' : ''),
  );

  const sent = await client.run<{
    sendAssessment: {
      assessment: {
        id: string;
        status: string;
        language: string;
        dueDate: string;
        invitation: { expiresAt: string };
      };
    };
  }>('SendAssessmentMutation', {
    input: {
      vendorId: vendor.id,
      templateVersionId: journey.templateVersionId,
      contactId: contact.addVendorContact.contact.id,
      dueDate: daysFromNow(30),
    },
  });
  const assessment = sent.sendAssessment.assessment;
  journey.assessmentId = assessment.id;
  shown(
    'sendAssessment',
    `${assessment.status} in ${assessment.language}, due ${assessment.dueDate}, ` +
      `link valid until ${assessment.invitation.expiresAt}`,
  );

  const open = await client.run<{
    assessments: {
      totalCount: number;
      nodes: Array<{ status: string; dueDate: string; vendor: { name: string } }>;
    };
  }>('AssessmentsQuery', {
    first: 20,
    filter: { vendorId: vendor.id, statuses: ['SENT', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW'] },
  });
  shown('assessments', `${open.assessments.totalCount} open for this vendor:`);
  for (const node of open.assessments.nodes) {
    more(`${node.vendor.name}: ${node.status}, due ${node.dueDate}`);
  }
}

/** A plausible answer of the question's type, as a cooperative vendor would give. */
function answerFor(question: Question): unknown {
  switch (question.type) {
    case 'BOOLEAN':
      return true;
    case 'SINGLE_CHOICE':
      return question.options[0]?.key;
    case 'MULTI_CHOICE':
      return question.options.slice(0, 1).map((option) => option.key);
    case 'NUMBER':
      return Math.min(Math.max(question.min ?? 1, 1), question.max ?? Number.MAX_SAFE_INTEGER);
    case 'DATE':
      return daysFromNow(-30);
    default:
      return 'Yes: described in the attached policy, available on request.';
  }
}

/** The vendor contact: from the invitation email to a submitted assessment. */
async function answerAsVendor(journey: Journey): Promise<void> {
  heading('Vendor contact (examples/vendor): exchange the invitation, answer, submit');
  const invitation = await journey.mailbox.next(journey.contactEmail!);
  shown('email', `"${invitation.subject}"`);
  const exchanged = await journey.api.run<{
    exchangeInvitation: { accessToken: string; assessmentId: string; expiresAt: string };
  }>('ExchangeInvitationMutation', { input: { token: invitationToken(invitation) } });
  const session = exchanged.exchangeInvitation;
  shown('exchangeInvitation', `a session for this one assessment, until ${session.expiresAt}`);
  const vendor = journey.api.as(session.accessToken);
  const read = async () =>
    (await vendor.run<VendorView>('VendorAssessmentQuery', { id: session.assessmentId }))
      .vendorAssessment;

  let view = await read();
  const visible = () => view.sections.flatMap((section) => section.questions);
  shown(
    'vendorAssessment',
    `"${view.questionnaireName}" (${view.language}), due ${view.dueDate}: ` +
      `${visible().length} questions visible in ${view.sections.length} sections, ` +
      `${view.progress.answered} of ${view.progress.required} required answered`,
  );

  // Answers show and hide follow-up questions: answer what is visible until nothing is open.
  let evidenceId: string | undefined;
  let saved = 0;
  for (let round = 1; round <= 10; round += 1) {
    const open = visible().filter(
      (question) =>
        !question.answer ||
        (question.evidence === 'REQUIRED' && !question.answer.evidenceFileIds.length),
    );
    if (!open.length) break;
    if (!evidenceId && open.some((question) => question.evidence === 'REQUIRED')) {
      evidenceId = await vendor.upload(
        'information-security-policy.txt',
        'Information security policy, approved by the board on 2026-01-15, reviewed yearly.\n',
        'text/plain',
      );
      shown('POST /files', 'information-security-policy.txt uploaded as evidence');
    }
    const result = await vendor.run<{
      saveAnswers: {
        assessment: { status: string; progress: { answered: number; required: number } };
      };
    }>('SaveAnswersMutation', {
      input: {
        assessmentId: session.assessmentId,
        answers: open.map((question) => ({
          questionKey: question.key,
          value: question.answer?.value ?? answerFor(question),
          expectedRevision: question.answer?.revision ?? 0,
          ...(question.evidence === 'REQUIRED' ? { evidenceFileIds: [evidenceId] } : {}),
        })),
      },
    });
    saved += open.length;
    const { status, progress } = result.saveAnswers.assessment;
    shown(
      'saveAnswers',
      `${plural(open.length, 'answer')} saved (round ${round}): ${status}, ` +
        `${progress.answered} of ${progress.required} required answered`,
    );
    view = await read();
  }

  const submitted = await vendor.run<{
    submitAssessment: {
      submitted: boolean;
      missing: Array<{ questionKey: string; reason: string }>;
      assessment: { status: string };
    };
  }>('SubmitAssessmentMutation', { input: { assessmentId: session.assessmentId } });
  const outcome = submitted.submitAssessment;
  if (!outcome.submitted) {
    const missing = outcome.missing.map((item) => `${item.questionKey} (${item.reason})`);
    throw new Error(`Not submitted after ${saved} answers; missing: ${missing.join(', ')}`);
  }
  shown('submitAssessment', `${outcome.assessment.status} with ${plural(saved, 'answer')}`);
}

/** The risk owner reviews the submission and decides. */
interface Overview {
  portfolioOverview: {
    heatMap: Array<{ tier: string; rating: string | null; vendors: number }>;
    assessmentsByStatus: Array<{ status: string; assessments: number; overdue: number }>;
    sectionAverages: Array<{ sectionKey: string; title: { en: string }; average: number | null }>;
    openFindings: Array<{ severity: string; findings: number }>;
    expiringAgreements: { withinDays: number; agreements: number };
    complianceGaps: { missingAgreement: number; missingImpactAssessment: number };
    assessmentCadence: { neverAssessed: number; pastDue: number };
  };
}

async function portfolio(journey: Journey): Promise<void> {
  heading('Risk owner (examples/risk-owner): the portfolio');
  const client = journey.riskOwner!.client;
  const { portfolioOverview: overview } = await client.run<Overview>('PortfolioOverviewQuery', {
    withinDays: 60,
  });
  const cells = overview.heatMap.filter((cell) => cell.vendors > 0);
  shown(
    'heat map',
    cells.map((cell) => `${cell.tier}×${cell.rating ?? 'unrated'}: ${cell.vendors}`).join(', '),
  );
  const statuses = overview.assessmentsByStatus.filter((entry) => entry.assessments > 0);
  more(`assessments: ${statuses.map((s) => `${s.status} ${s.assessments}`).join(', ')}`);
  more(
    'section averages: ' +
      overview.sectionAverages
        .map((section) => `${section.title.en} ${points(section.average)}`)
        .join(', '),
  );
  const open = overview.openFindings.reduce((sum, cell) => sum + cell.findings, 0);
  more(`open findings: ${open}`);
  more(
    `gaps: ${overview.complianceGaps.missingAgreement} without the agreements they need, ` +
      `${overview.complianceGaps.missingImpactAssessment} without an impact assessment; ` +
      `${overview.assessmentCadence.neverAssessed} never assessed`,
  );
  const history = await client.run<{
    vendorRiskHistory: Array<{
      score: number | null;
      residualRating: string | null;
      decision: string;
    }>;
  }>('VendorRiskHistoryQuery', { vendorId: journey.vendorId });
  for (const entry of history.vendorRiskHistory) {
    shown('risk history', `${points(entry.score)}, ${entry.residualRating}, ${entry.decision}`);
  }
  const trend = await client.run<{
    portfolioTrend: Array<{ month: string; averageScore: number | null; openFindings: number }>;
  }>('PortfolioTrendQuery', { months: 3 });
  for (const month of trend.portfolioTrend) {
    more(
      `${month.month}: average ${points(month.averageScore)}, ${month.openFindings} open findings`,
    );
  }
}

async function reviewAndDecide(journey: Journey): Promise<void> {
  heading('Risk owner (examples/risk-owner): review and decide');
  const client = journey.riskOwner!.client;
  const assessmentId = journey.assessmentId!;
  const started = await client.run<{ startReview: { assessment: { status: string } } }>(
    'StartReviewMutation',
    { input: { assessmentId } },
  );
  shown('startReview', started.startReview.assessment.status);

  const { assessment } = await client.run<Review>('AssessmentReviewQuery', { id: assessmentId });
  const score = assessment.score!;
  shown('assessment', `score ${points(score.score)} of 100 (${score.algorithm})`);
  more(
    'sections: ' +
      score.sections
        .filter((section) => section.counted)
        .map((section) => `${section.key} ${points(section.score)}`)
        .join(', '),
  );
  const knockouts = score.failedKnockouts.map((item) => `${item.questionKey} (${item.severity})`);
  more(`failed knockouts: ${knockouts.join(', ') || 'none'}`);
  const flagged = score.flaggedAnswers.map((item) => `${item.questionKey} (${item.severity})`);
  more(`flagged answers: ${flagged.join(', ') || 'none'}`);
  for (const finding of assessment.findings) {
    more(`finding ${finding.severity} ${finding.status}: ${finding.title}`);
  }
  const coverage = assessment.vendor.agreementCoverage;
  more(
    `agreements: ${coverage.compliant ? 'compliant' : 'gaps'}, DPA in force: ${coverage.dpaInForce}` +
      (coverage.regimes.length
        ? ` (${coverage.regimes.map((regime) => `${regime.regime} ${regime.status}`).join(', ')})`
        : ''),
  );

  const critical = score.failedKnockouts.some((item) => item.severity === 'CRITICAL');
  const decision = critical
    ? 'REJECTED'
    : assessment.findings.length || score.failedKnockouts.length
      ? 'APPROVED_WITH_CONDITIONS'
      : 'APPROVED';
  const input: Record<string, unknown> = { assessmentId, decision };
  if (decision === 'REJECTED') {
    input.note = 'A critical control failed: see the failed knockouts.';
  } else {
    if (decision === 'APPROVED_WITH_CONDITIONS') {
      input.note = `Remediate the ${assessment.findings.length} findings by ${daysFromNow(90)}.`;
    }
    if (!coverage.compliant) {
      // Approval needs a signed DPA: without one the decision is refused, and says why.
      const refused = await client.refused('CompleteAssessmentMutation', { input }, 'CONFLICT');
      shown('completeAssessment', `refused without a DPA: ${refused.code}: ${refused.message}`);
      input.coverageException = {
        justification: 'DPA under signature with legal; approval for onboarding only.',
        expiresOn: daysFromNow(60),
      };
    }
  }
  const completed = await client.run<{
    completeAssessment: {
      assessment: {
        status: string;
        decision: string;
        residualRating: string;
        ratingReasons: string[];
        effectiveScore: number | null;
      };
    };
  }>('CompleteAssessmentMutation', { input });
  const done = completed.completeAssessment.assessment;
  shown(
    'completeAssessment',
    `${done.status}: ${done.decision}, residual rating ${done.residualRating}` +
      (done.effectiveScore === null ? '' : ` at score ${points(done.effectiveScore)}`),
  );
  for (const reason of done.ratingReasons) more(reason);
}

/** Procurement looks the vendor up again, by its global id and in the register. */
async function vendorRegister(journey: Journey): Promise<void> {
  heading('Procurement (examples/procurement): the vendor afterwards');
  const client = journey.procurement!.client;
  const { node } = await client.run<{
    node: {
      __typename: string;
      name: string;
      tier: string;
      residualRating: string | null;
      nextAssessmentDueAt: string | null;
      openFindingCount: number;
    };
  }>('VendorNodeQuery', { id: journey.vendorId });
  shown(
    'node',
    `${node.__typename} "${node.name}": ${node.tier}, rated ${node.residualRating}, ` +
      `${plural(node.openFindingCount, 'open finding')}, next assessment due ${node.nextAssessmentDueAt}`,
  );
  // Every list is a connection: follow endCursor while hasNextPage.
  let after: string | null = null;
  let page = 0;
  for (;;) {
    const data: {
      vendors: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { name: string; tier: string; residualRating: string | null } }>;
      };
    } = await client.run('VendorsQuery', {
      first: 20,
      after,
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    page += 1;
    shown(
      `vendors (page ${page})`,
      `${data.vendors.edges.length} of ${plural(data.vendors.totalCount, 'vendor')}`,
    );
    for (const edge of data.vendors.edges) {
      more(`${edge.node.name}: ${edge.node.tier}, rated ${edge.node.residualRating ?? 'not yet'}`);
    }
    if (!data.vendors.pageInfo.hasNextPage) break;
    after = data.vendors.pageInfo.endCursor;
  }
}

interface Options {
  readonly url: string;
  readonly dataDir: string;
  readonly adminEmail?: string;
  readonly adminPassword?: string;
  readonly setupToken?: string;
}

function options(): Options {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'setup-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length > 1) {
    say(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  return {
    url: positionals[0] ?? 'http://127.0.0.1:3000/graphql',
    dataDir: resolve(values['data-dir'] ?? process.env.ASSAY_DATA_DIR ?? '.assay'),
    adminEmail: values['admin-email'],
    adminPassword: values['admin-password'],
    setupToken: values['setup-token'],
  };
}

async function main(): Promise<void> {
  const settings = options();
  const journey: Journey = {
    api: new AssayClient(settings.url, await loadOperations(EXAMPLES)),
    mailbox: new Mailbox(join(settings.dataDir, 'mail')),
    run: randomBytes(3).toString('hex'),
    fresh: false,
  };
  say(`Assay examples against ${settings.url}, reading email from ${journey.mailbox.directory}`);
  await signInAdmin(journey, settings);
  await buildTeam(journey);
  await publishQuestionnaire(journey);
  await sendToVendor(journey);
  await answerAsVendor(journey);
  await reviewAndDecide(journey);
  await portfolio(journey);
  await vendorRegister(journey);
  say('\nEvery journey ran.');
}

main().catch((error: unknown) => {
  process.stderr.write(`\n  ✗ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
