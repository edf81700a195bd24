import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AgreementService,
  AgreementStatus,
  AgreementType,
  ClauseStatus,
  catalogsOfType,
  type Signatory,
} from '#agreement';
import {
  AssessmentCycle,
  AssessmentDecision,
  AssessmentService,
  CarryOverService,
  CommentVisibility,
  FindingService,
  FindingStatus,
  ReviewService,
  VendorAssessmentService,
  type Assessment,
  type Finding,
} from '#assessment';
import { FileService, RequestContext, type Role } from '#core';
import { QuestionnaireService, type AnswerValue, type TemplateDefinition } from '#questionnaire';
import { ReassessmentScheduler } from '#scheduling';
import {
  DEFAULT_REASSESSMENT_POLICY,
  DEFAULT_RISK_RUBRIC,
  Regime,
  RiskTier,
  VendorContactService,
  VendorLifecycle,
  VendorService,
  addMonths,
  computeInherentRisk,
  handlesPersonalData,
} from '#vendor';
import { WEBHOOK_EVENT_TYPES, WebhookEndpointService } from '#webhook';
import { generateAnswers, type GeneratedAnswer, type Posture } from './demo-answers.js';
import type { DemoContact, DemoVendor } from './demo-catalog.js';
import { demoPdf } from './demo-documents.js';
import { SeededRandom } from './random.js';
import { DAY_MS, Timeline, addDays, addHours, dayOf } from './demo-timeline.js';

/** The services the demo is built through: the ones the GraphQL resolvers call. */
export interface DemoServices {
  readonly vendors: VendorService;
  readonly contacts: VendorContactService;
  readonly agreements: AgreementService;
  readonly files: FileService;
  readonly questionnaires: QuestionnaireService;
  readonly assessments: AssessmentService;
  readonly vendorAssessments: VendorAssessmentService;
  readonly carryOver: CarryOverService;
  readonly reviews: ReviewService;
  readonly findings: FindingService;
  readonly webhookEndpoints: WebhookEndpointService;
  readonly scheduler: ReassessmentScheduler;
}

/** A member of the demo organization as the stories act for it. */
export interface DemoMember {
  readonly role: Role;
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly userId: string;
  readonly membershipId: string;
  /** A context acting as the member, in the seed's transaction. */
  readonly ctx: RequestContext;
}

export interface DemoMembers {
  readonly admin: DemoMember;
  readonly procurement: DemoMember;
  readonly riskOwner: DemoMember;
  readonly viewer: DemoMember;
}

/** The documentation address (RFC 5737) the demo's webhook endpoint names. */
export const DEMO_WEBHOOK_URL = 'https://192.0.2.10/assay/webhooks';

type TemplateKey = 'baseline' | 'pipl' | 'breach';

const LIBRARY_KEYS: Record<TemplateKey, string> = {
  baseline: 'vendor-privacy-baseline',
  pipl: 'pipl-entrusted-processing',
  breach: 'breach-readiness-quick-check',
};

/** Rows whose creation time the stories record, to place them in the past afterwards. */
export type BackdatedTable =
  | 'vendor'
  | 'vendor_contact'
  | 'agreement'
  | 'assessment'
  | 'finding'
  | 'review_comment'
  | 'questionnaire_template'
  | 'template_version'
  | 'webhook_endpoint';

/** When each row the stories made was created and last changed, in the demo's time. */
export class Backdating {
  readonly rows = new Map<BackdatedTable, Map<string, { created: Date; updated: Date }>>();

  touch(table: BackdatedTable, id: string, at: Date): void {
    let rows = this.rows.get(table);
    if (!rows) this.rows.set(table, (rows = new Map()));
    const row = rows.get(id);
    if (row) row.updated = at;
    else rows.set(id, { created: at, updated: at });
  }
}

interface ContactState {
  readonly spec: DemoContact;
  readonly email: string;
  id: string | null;
}

interface VendorState {
  readonly spec: DemoVendor;
  readonly random: SeededRandom;
  readonly tier: RiskTier;
  readonly intervalMonths: number;
  readonly regimes: readonly Regime[];
  readonly personalData: boolean;
  readonly domain: string;
  readonly contacts: ContactState[];
  id: string | null;
}

interface AgreementHandle {
  id: string | null;
}

interface AgreementPlan {
  readonly type: AgreementType;
  readonly title: string;
  readonly draftAt: Date;
  readonly sentAt?: Date;
  readonly signedAt?: Date;
  /** `YYYY-MM-DD`; by default some years after signing. */
  readonly expiryDate?: string | null;
  readonly end?: {
    readonly at: Date;
    readonly to: AgreementStatus.Expired | AgreementStatus.Terminated | AgreementStatus.Superseded;
    readonly reason?: string;
    readonly supersededBy?: AgreementHandle;
  };
  /** Mandatory clauses the checklist marks MISSING. */
  readonly missingClauses?: number;
}

type Stage =
  | 'sent'
  | 'in-progress'
  | 'submitted'
  | 'in-review'
  | 'changes-requested'
  | 'completed'
  | 'cancelled';

interface FindingFollowUp {
  readonly at: Date;
  /** What the risk owner does with each finding still open, in order; the last one repeats. */
  readonly actions: ReadonlyArray<'remediate' | 'resolve' | 'accept'>;
}

interface AssessmentFlow {
  readonly template: TemplateKey;
  readonly cycle: AssessmentCycle;
  readonly sentAt: Date;
  readonly stage: Stage;
  readonly posture: Posture;
  readonly gaps?: readonly string[];
  /** Index of the contact it is sent to; the primary one by default. */
  readonly contact?: number;
  /** Sent by an admin's reassessNow instead of procurement's send. */
  readonly reassessNow?: boolean;
  readonly startedAt?: Date;
  readonly submittedAt?: Date;
  readonly reviewAt?: Date;
  readonly changes?: {
    readonly at: Date;
    /** When the vendor answers them and submits again (only if the flow goes on). */
    readonly resubmittedAt?: Date;
  };
  readonly override?: { readonly at: Date; readonly delta: number; readonly justification: string };
  readonly comments?: ReadonlyArray<{
    readonly at: Date;
    readonly by: 'reviewer-internal' | 'reviewer-to-vendor' | 'vendor';
    readonly body: string;
    readonly questionKey?: string;
  }>;
  readonly manualFinding?: {
    readonly at: Date;
    readonly severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
    readonly title: string;
    readonly description: string;
  };
  readonly completion?: {
    readonly at: Date;
    readonly decision: AssessmentDecision;
    readonly note?: string;
    readonly exception?: { readonly justification: string; readonly expiresOn: string };
  };
  readonly cancel?: { readonly at: Date; readonly reason: string };
  readonly followUps?: readonly FindingFollowUp[];
}

interface AssessmentHandle {
  id: string | null;
  contact: ContactState | null;
  definition: TemplateDefinition | null;
  answers: GeneratedAnswer[] | null;
  saved: Set<string>;
  documents: Map<string, string>;
  assessment: Assessment | null;
}

const SIGNATORY_TITLE = 'Head of Procurement';

/** The text of the stories' notes and comments, in English and Chinese. */
const TEXT = {
  changes: {
    en: 'Thank you for your answers. Please look again at the questions reopened for you and attach current evidence where asked.',
    zh: '感谢您的回复。请重新查看为您重新开放的问题，并在需要时上传最新的证明材料。',
  },
  vendorReply: {
    en: 'We have added the requested details; our security team is available for a call if useful.',
    zh: '我们已补充了所需信息，如有需要，我们的安全团队可以安排电话沟通。',
  },
  remediationPlan: {
    en: 'Remediation is scheduled: the change is planned in our next release and we will send evidence once it is deployed.',
    zh: '整改已排期：该项将在下一个版本中完成，上线后我们将提供证明材料。',
  },
};

/** Plans every vendor's story on the timeline, and the organization-wide set-up around it. */
export class DemoStories {
  private members: DemoMembers | null = null;
  private readonly templates = new Map<TemplateKey, string>();
  private readonly definitions = new Map<string, TemplateDefinition>();
  private readonly references = new Map<string, number>();
  private scratchFiles = 0;

  constructor(
    private readonly services: DemoServices,
    private readonly timeline: Timeline,
    private readonly backdating: Backdating,
    private readonly seed: number,
    private readonly scratchDir: string,
  ) {}

  private get now(): Date {
    return this.timeline.now;
  }

  private get team(): DemoMembers {
    if (!this.members) throw new Error('The demo members are not there yet');
    return this.members;
  }

  /** The members, once they exist (before the timeline plays). */
  useMembers(members: DemoMembers): void {
    this.members = members;
  }

  /** A moment `days` before now, during working hours, never later than an hour ago. */
  private daysAgo(days: number, random: SeededRandom): Date {
    const day = new Date(this.now.getTime() - days * DAY_MS);
    const working = new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), random.int(7, 15)),
    );
    const moment = addHours(working, random.int(0, 59) / 60);
    const latest = addHours(this.now, -1);
    return moment > latest ? latest : moment;
  }

  /** Plans the organization's own set-up: questionnaires and the webhook endpoint. */
  planOrganization(start: Date): void {
    const random = new SeededRandom(this.seed);
    const keys: TemplateKey[] = ['baseline', 'pipl', 'breach'];
    keys.forEach((key, index) => {
      const at = addHours(start, 26 + index);
      this.timeline.add(at, `questionnaire ${key}`, async () => {
        const libraryKey = LIBRARY_KEYS[key];
        const { template, version } = await this.services.questionnaires.createTemplate(
          this.team.riskOwner.ctx,
          { name: libraryName(key), description: libraryDescription(key) },
          { libraryKey },
        );
        this.templates.set(key, version.id);
        this.definitions.set(version.id, version.definition);
        this.backdating.touch('questionnaire_template', template.id, at);
        this.backdating.touch('template_version', version.id, at);
      });
    });
    const webhookAt = addDays(start, 3 + random.int(0, 2));
    this.timeline.add(webhookAt, 'webhook endpoint', async () => {
      const { endpoint } = await this.services.webhookEndpoints.create(this.team.admin.ctx, {
        url: DEMO_WEBHOOK_URL,
        eventTypes: [...WEBHOOK_EVENT_TYPES],
        description:
          'Example: every event to the SIEM collector. Disabled: 192.0.2.10 is a documentation address (RFC 5737) that nothing answers; point it at your own receiver, then enable it.',
      });
      await this.services.webhookEndpoints.update(this.team.admin.ctx, endpoint.id, {
        enabled: false,
      });
      this.backdating.touch('webhook_endpoint', endpoint.id, webhookAt);
    });
  }

  /** Plans one vendor's story. */
  planVendor(spec: DemoVendor, index: number): void {
    const random = new SeededRandom(this.seed + 7919 * (index + 1));
    const risk = computeInherentRisk(
      {
        profile: spec.profile,
        subProcessorCountries: spec.subProcessors.map((entry) => entry.country),
      },
      DEFAULT_RISK_RUBRIC,
    );
    const tier = spec.tierOverride?.tier ?? risk.tier;
    const state: VendorState = {
      spec,
      random,
      tier,
      intervalMonths: DEFAULT_REASSESSMENT_POLICY[tier].intervalMonths,
      regimes: risk.regimes,
      personalData: handlesPersonalData(spec.profile),
      domain: `${spec.key}.example`,
      contacts: spec.contacts.map((contact) => ({
        spec: contact,
        email: `${contact.mailbox}@${spec.key}.example`,
        id: null,
      })),
      id: null,
    };
    this.planStory(state);
  }

  // ---------------------------------------------------------------------------------------
  // Stories

  private planStory(v: VendorState): void {
    const r = v.random;
    const intervalDays = v.intervalMonths * 30.4;
    const template = this.templateFor(v);
    switch (v.spec.story) {
      case 'none': {
        const created = this.daysAgo(r.int(120, 900), r);
        this.createVendor(v, created);
        this.activate(v, addDays(created, 1));
        if (v.personalData) {
          this.agreement(v, {
            type: AgreementType.Nda,
            title: 'Mutual Non-Disclosure Agreement',
            draftAt: addDays(created, 2),
            signedAt: addDays(created, 9),
          });
        }
        return;
      }
      case 'prospect-draft': {
        const created = this.daysAgo(r.int(8, 20), r);
        this.createVendor(v, created);
        const type =
          v.spec.profile.processingRole === 'INDEPENDENT_CONTROLLER'
            ? AgreementType.Nda
            : this.processingType(v);
        this.agreement(v, { type, title: titleOf(type), draftAt: addDays(created, 3) });
        return;
      }
      case 'prospect-sent': {
        const created = this.daysAgo(r.int(28, 35), r);
        this.createVendor(v, created);
        this.agreement(v, {
          type: AgreementType.Nda,
          title: titleOf(AgreementType.Nda),
          draftAt: addDays(created, 1),
          sentAt: addDays(created, 2),
          signedAt: addDays(created, 4),
        });
        this.processingAgreement(v, addDays(created, 6), { sentAt: addDays(created, 9) });
        return;
      }
      case 'sent':
      case 'sent-overdue':
      case 'in-progress':
      case 'in-progress-overdue':
      case 'submitted':
      case 'in-review':
      case 'in-review-override':
      case 'changes-requested':
        return this.planOpen(v, template);
      case 'approved':
      case 'approved-exception':
      case 'conditions':
      case 'due-tomorrow':
      case 'approved-history':
      case 'approved-renewal':
        return this.planApproved(v, template, intervalDays);
      case 'rejected': {
        const created = this.daysAgo(r.int(110, 130), r);
        this.createVendor(v, created);
        this.processingAgreement(v, addDays(created, 4), {});
        const sentAt = this.daysAgo(r.int(85, 95), r);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt,
          stage: 'completed',
          posture: 'weak',
          gaps: ['encryption_at_rest!', 'mfa_admin!', 'incident_plan!', 'breach_notify_hours!'],
          startedAt: addDays(sentAt, 4),
          submittedAt: addDays(sentAt, 16),
          reviewAt: addDays(sentAt, 18),
          comments: [
            {
              at: addDays(sentAt, 19),
              by: 'reviewer-internal',
              body: 'No encryption at rest and no MFA for administrators: both are knockouts for biometric data. Recommend we do not proceed.',
            },
          ],
          completion: {
            at: addDays(sentAt, 21),
            decision: AssessmentDecision.Rejected,
            note: 'Rejected: biometric templates are stored unencrypted, administrators sign in without MFA and there is no incident response plan. Facilities will look for another supplier.',
          },
        });
        return;
      }
      case 'cancelled': {
        const created = this.daysAgo(r.int(145, 160), r);
        this.createVendor(v, created);
        this.processingAgreement(v, addDays(created, 3), {
          sentAt: addDays(created, 6),
          signedAt: addDays(created, 14),
        });
        const first = this.daysAgo(r.int(118, 122), r);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt: first,
          stage: 'cancelled',
          posture: 'good',
          contact: 1,
          cancel: {
            at: addDays(first, 1),
            reason:
              'Sent to the account manager by mistake; resent to the data compliance contact.',
          },
        });
        const second = addDays(first, 1.1);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt: second,
          stage: 'completed',
          posture: 'strong',
          startedAt: addDays(second, 3),
          submittedAt: addDays(second, 15),
          reviewAt: addDays(second, 17),
          completion: { at: addDays(second, 20), decision: AssessmentDecision.Approved },
        });
        this.activate(v, addDays(second, 20.05));
        return;
      }
      case 'offboarded': {
        // Approved once; rejected at the reassessment a tier's interval later; offboarded.
        const firstDone = addHours(
          addMonths(this.daysAgo(r.int(38, 45), r), -v.intervalMonths),
          -3,
        );
        const periodicSent = addHours(addMonths(firstDone, v.intervalMonths), 2);
        const firstSent = addDays(firstDone, -24);
        const created = addDays(firstSent, -30);
        this.createVendor(v, created);
        const dpa = this.processingAgreement(v, addDays(created, 2), {
          sentAt: addDays(created, 5),
          signedAt: addDays(created, 12),
        });
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt: firstSent,
          stage: 'completed',
          posture: 'good',
          submittedAt: addDays(firstSent, 12),
          reviewAt: addDays(firstSent, 14),
          completion: { at: firstDone, decision: AssessmentDecision.Approved },
        });
        this.activate(v, addHours(firstDone, 1));
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Periodic,
          sentAt: periodicSent,
          stage: 'completed',
          posture: 'weak',
          gaps: ['incident_response_plan!', 'notification_commitment!'],
          submittedAt: addDays(periodicSent, 11),
          reviewAt: addDays(periodicSent, 13),
          completion: {
            at: addDays(periodicSent, 16),
            decision: AssessmentDecision.Rejected,
            note: 'Rejected at reassessment: the vendor no longer keeps an incident response plan or commits to notify us of breaches. HR is moving relocations to another provider.',
          },
        });
        this.endAgreement(
          dpa,
          addDays(periodicSent, 22),
          AgreementStatus.Terminated,
          'Services ended after the failed reassessment; deletion certificate received.',
        );
        this.offboard(
          v,
          addDays(periodicSent, 23),
          'Relocation services moved to another provider after the failed reassessment.',
        );
        return;
      }
      case 'offboarded-cancelled': {
        const firstSent = this.daysAgo(r.int(320, 340), r);
        const created = addDays(firstSent, -40);
        this.createVendor(v, created);
        const dpa = this.processingAgreement(v, addDays(created, 3), {
          sentAt: addDays(created, 6),
          signedAt: addDays(created, 15),
        });
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt: firstSent,
          stage: 'completed',
          posture: 'good',
          submittedAt: addDays(firstSent, 9),
          reviewAt: addDays(firstSent, 11),
          completion: { at: addDays(firstSent, 13), decision: AssessmentDecision.Approved },
        });
        this.activate(v, addDays(firstSent, 13.05));
        const adHoc = this.daysAgo(r.int(44, 48), r);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.AdHoc,
          sentAt: adHoc,
          stage: 'cancelled',
          posture: 'good',
          startedAt: addDays(adHoc, 5),
          cancel: {
            at: addDays(adHoc, 26),
            reason: 'Seasonal contract not renewed; the assessment is no longer needed.',
          },
        });
        this.endAgreement(
          dpa,
          addDays(adHoc, 26.1),
          AgreementStatus.Terminated,
          'Contract ended at the close of the season.',
        );
        this.offboard(v, addDays(adHoc, 26.2), 'Seasonal staffing contract not renewed.');
        return;
      }
      case 'expired-agreement': {
        const created = this.daysAgo(r.int(1110, 1130), r);
        this.createVendor(v, created);
        const expiry = this.daysAgo(21, r);
        const oldDpa = this.processingAgreement(v, addDays(created, 3), {
          sentAt: addDays(created, 6),
          signedAt: addDays(created, 12),
          expiryDate: dayOf(expiry),
        });
        this.activate(v, addDays(created, 12.1));
        const sentAt = this.daysAgo(r.int(300, 315), r);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Initial,
          sentAt,
          stage: 'completed',
          posture: 'good',
          submittedAt: addDays(sentAt, 14),
          reviewAt: addDays(sentAt, 16),
          completion: { at: addDays(sentAt, 19), decision: AssessmentDecision.Approved },
        });
        // Drafted before the old one ran out, still waiting for the vendor's signature.
        this.processingAgreement(v, this.daysAgo(32, r), {
          sentAt: this.daysAgo(26, r),
          title: `${titleOf(this.processingType(v))} (renewal)`,
        });
        this.endAgreement(oldDpa, addDays(expiry, 1.2), AgreementStatus.Expired, undefined, true);
        const triggered = addDays(expiry, 2);
        this.assessment(v, {
          template,
          cycle: AssessmentCycle.Triggered,
          sentAt: triggered,
          stage: 'in-progress',
          posture: 'good',
          reassessNow: true,
          startedAt: addDays(triggered, 6),
        });
        return;
      }
    }
  }

  /** A vendor whose one assessment is still open, at the stage its story names. */
  private planOpen(v: VendorState, template: TemplateKey): void {
    const r = v.random;
    const story = v.spec.story;
    const overdue = story === 'sent-overdue' || story === 'in-progress-overdue';
    const sentDaysAgo = {
      sent: r.int(2, 6),
      'sent-overdue': r.int(44, 47),
      'in-progress': r.int(14, 20),
      'in-progress-overdue': r.int(52, 56),
      // Those the vendor has answered are still within their due date: only the two above
      // are meant to be overdue.
      submitted: r.int(18, 24),
      'in-review': r.int(22, 26),
      'in-review-override': r.int(26, 29),
      'changes-requested': r.int(24, 28),
    }[story as 'sent'];
    const sentAt = this.daysAgo(sentDaysAgo, r);
    const created = addDays(sentAt, -r.int(20, 60));
    this.createVendor(v, created);
    // Vendors already in use before their first assessment are active; new ones prospects.
    const established = overdue || ['in-review', 'changes-requested'].includes(story);
    if (established || v.spec.key === 'eventhorizon' || v.spec.key === 'hanbit-mobile') {
      this.activate(v, addDays(created, 1));
    }
    if (v.personalData) {
      if (v.spec.key === 'fjord-travel') {
        this.processingAgreement(v, addDays(created, 3), { sentAt: addDays(sentAt, 1) });
      } else if (v.spec.key === 'kite-catering' || v.spec.key === 'zhangshang-survey') {
        this.processingAgreement(v, addDays(sentAt, -1), {});
      } else {
        this.processingAgreement(v, addDays(created, 2), {
          sentAt: addDays(created, 5),
          signedAt: addDays(created, 12),
        });
      }
      if (v.spec.key === 'hanbit-mobile') {
        this.agreement(v, {
          type: AgreementType.PiplStandardContract,
          title: titleOf(AgreementType.PiplStandardContract),
          draftAt: addDays(sentAt, 2),
          sentAt: addDays(sentAt, 4),
        });
      }
    }
    const gapsOf: Record<string, string[]> = {
      'helix-health': ['min_tls_version'],
      'tessera-it': ['incident_drills'],
      'lingua-bridge': ['log_retention_months!'],
      'crestline-insurance': ['incident_drills'],
      'yilian-health': ['deletion_days!'],
      'yunshan-data': ['min_tls_version'],
      'nordic-feedback': ['log_retention_months!'],
    };
    const gaps = gapsOf[v.spec.key] ?? [];
    const stage: Stage =
      story === 'sent' || story === 'sent-overdue'
        ? 'sent'
        : story === 'in-progress' || story === 'in-progress-overdue'
          ? 'in-progress'
          : story === 'submitted'
            ? 'submitted'
            : story === 'changes-requested'
              ? 'changes-requested'
              : 'in-review';
    const submittedAt = this.daysAgo(
      story === 'submitted'
        ? r.int(1, 4)
        : story === 'changes-requested'
          ? 12
          : story === 'in-review-override'
            ? 14
            : 8,
      r,
    );
    const reviewAt = addDays(submittedAt, 2);
    const zh = v.contacts[0]!.spec.language === 'zh-CN';
    this.assessment(v, {
      template,
      cycle: AssessmentCycle.Initial,
      sentAt,
      stage,
      posture: story === 'in-progress-overdue' ? 'weak' : 'good',
      gaps,
      startedAt: stage === 'sent' ? undefined : addDays(sentAt, overdue ? 8 : 4),
      submittedAt,
      reviewAt,
      changes: story === 'changes-requested' ? { at: addDays(reviewAt, 2) } : undefined,
      override:
        story === 'in-review-override'
          ? {
              at: addDays(reviewAt, 3),
              delta: 9,
              justification:
                'Compensating controls verified on site: TLS 1.0 is only enabled on an isolated legacy fax gateway that holds no claims data.',
            }
          : undefined,
      comments:
        story === 'in-review-override'
          ? [
              {
                at: addDays(reviewAt, 1),
                by: 'reviewer-internal',
                body: 'Visited their Dublin office with IT security; the legacy gateway is segregated. Proposing a score override before the decision.',
              },
            ]
          : story === 'in-review' && v.spec.key === 'lingua-bridge'
            ? [
                {
                  at: addDays(reviewAt, 1),
                  by: 'reviewer-to-vendor',
                  body: 'Could you tell us how long translated HR documents stay in your translation memory?',
                  questionKey: 'log_retention_months',
                },
                {
                  at: addDays(reviewAt, 2),
                  by: 'vendor',
                  body: zh ? TEXT.vendorReply.zh : TEXT.vendorReply.en,
                },
              ]
            : story === 'in-review'
              ? [
                  {
                    at: addDays(reviewAt, 1),
                    by: 'reviewer-internal',
                    body: 'Answers look solid; waiting for the router configuration export before deciding.',
                  },
                ]
              : undefined,
      manualFinding:
        v.spec.key === 'tessera-it'
          ? {
              at: addDays(reviewAt, 2),
              severity: 'MEDIUM',
              title: 'Shared administrator account on store routers',
              description:
                'Field engineers use one shared local admin account on the store routers. Individual accounts or a jump host are expected.',
            }
          : undefined,
    });
  }

  /** A vendor approved (with or without conditions) at its latest completed assessment. */
  private planApproved(v: VendorState, template: TemplateKey, intervalDays: number): void {
    const r = v.random;
    const story = v.spec.story;
    const cycles =
      story === 'approved-history'
        ? v.tier === RiskTier.Tier1
          ? 3
          : 2
        : story === 'approved-renewal'
          ? 2
          : 1;
    // When the latest assessment was completed: within the tier's interval, so that the next
    // one is not yet due (the scheduler would send it at start-up otherwise).
    let latestDone: Date;
    if (story === 'due-tomorrow') {
      latestDone = this.doneForDueTomorrow(v);
    } else if (story === 'conditions') {
      latestDone = this.daysAgo(r.int(25, 50), r);
    } else {
      const earliest = Math.max(20, Math.round(intervalDays * 0.12));
      const latest = Math.min(Math.round(intervalDays * 0.8), 800);
      latestDone = this.daysAgo(r.int(earliest, Math.max(earliest, latest)), r);
    }
    // Back from the latest: each earlier cycle was completed a tier's interval before the
    // next one was sent, as the scheduler would have sent it.
    const done: Date[] = [latestDone];
    const sent: Date[] = [addDays(latestDone, -r.int(22, 30))];
    for (let cycle = 1; cycle < cycles; cycle++) {
      const previousDone = addHours(addMonths(sent[0]!, -v.intervalMonths), -2);
      done.unshift(previousDone);
      sent.unshift(addDays(previousDone, -r.int(22, 30)));
    }
    const created = addDays(sent[0]!, -r.int(25, 60));
    this.createVendor(v, created);

    // Agreements: signed before the first decision.
    const firstSigned = addDays(sent[0]!, -r.int(2, 10));
    if (v.personalData) {
      const dpa = this.processingAgreement(v, addDays(created, 2), {
        sentAt: addDays(created, 6),
        signedAt: firstSigned,
        missingClauses: story === 'approved-exception' ? 1 : 0,
        expiryDate:
          v.spec.key === 'quillmail'
            ? dayOf(addDays(this.now, 45))
            : story === 'approved-renewal'
              ? null
              : undefined,
      });
      if (this.needsTransferClauses(v)) {
        this.agreement(v, {
          type: AgreementType.SccEu,
          title: titleOf(AgreementType.SccEu),
          draftAt: addDays(created, 3),
          sentAt: addDays(created, 7),
          signedAt: addDays(firstSigned, 1),
        });
      }
      if (story === 'approved-renewal') {
        const renewalDraft = addDays(sent[1]!, -r.int(40, 60));
        const renewal = this.processingAgreement(v, renewalDraft, {
          sentAt: addDays(renewalDraft, 5),
          signedAt: addDays(renewalDraft, 18),
          title: `${titleOf(this.processingType(v))} (${addDays(renewalDraft, 18).getUTCFullYear()} update)`,
        });
        this.endAgreement(
          dpa,
          addDays(renewalDraft, 18.05),
          AgreementStatus.Superseded,
          'Replaced by the updated agreement with the new sub-processor annex.',
          false,
          renewal,
        );
      }
    } else if (r.chance(0.5)) {
      this.agreement(v, {
        type: AgreementType.Nda,
        title: titleOf(AgreementType.Nda),
        draftAt: addDays(created, 2),
        signedAt: addDays(created, 8),
      });
    }

    for (let cycle = 0; cycle < cycles; cycle++) {
      const last = cycle === cycles - 1;
      const sentAt = sent[cycle]!;
      const doneAt = done[cycle]!;
      const submittedAt = addDays(doneAt, -r.int(4, 8));
      const earlierGaps = ['min_tls_version', 'incident_drills'];
      const gaps = !last
        ? r.sample(earlierGaps, 1)
        : story === 'conditions'
          ? v.spec.key === 'kestrel-contact'
            ? ['mfa_admin!', 'incident_drills']
            : ['breach_notify_hours', 'min_tls_version']
          : story === 'approved-exception'
            ? ['breach_notify_hours']
            : r.chance(0.25)
              ? r.sample(earlierGaps, 1)
              : [];
      const decision =
        story === 'conditions' && last
          ? AssessmentDecision.ApprovedWithConditions
          : AssessmentDecision.Approved;
      const followUps: FindingFollowUp[] = [];
      if (!last) {
        followUps.push({ at: addDays(doneAt, 4), actions: ['remediate'] });
        followUps.push({ at: addDays(sent[cycle + 1]!, -r.int(5, 15)), actions: ['resolve'] });
      } else if (story === 'conditions') {
        followUps.push({ at: addDays(doneAt, 2), actions: ['remediate'] });
      } else if (story === 'approved-exception') {
        followUps.push({ at: addDays(doneAt, 1), actions: ['accept'] });
      } else if (gaps.length) {
        followUps.push({ at: addDays(doneAt, 3), actions: ['remediate'] });
        const resolveAt = addDays(doneAt, r.int(20, 40));
        if (resolveAt < addDays(this.now, -1))
          followUps.push({ at: resolveAt, actions: ['resolve'] });
      }
      const zh = v.contacts[0]!.spec.language === 'zh-CN';
      this.assessment(v, {
        template,
        cycle: cycle === 0 ? AssessmentCycle.Initial : AssessmentCycle.Periodic,
        sentAt,
        stage: 'completed',
        posture: last && story !== 'conditions' ? 'strong' : 'good',
        gaps,
        startedAt: addDays(sentAt, r.int(2, 5)),
        submittedAt,
        reviewAt: addDays(submittedAt, 1),
        changes:
          story === 'conditions' && last
            ? { at: addDays(submittedAt, 1.5), resubmittedAt: addDays(submittedAt, 3) }
            : undefined,
        comments:
          story === 'conditions' && last
            ? [
                {
                  at: addDays(submittedAt, 3.2),
                  by: 'vendor',
                  body: zh ? TEXT.vendorReply.zh : TEXT.vendorReply.en,
                },
              ]
            : undefined,
        completion: {
          at: doneAt,
          decision,
          note:
            decision === AssessmentDecision.ApprovedWithConditions
              ? 'Approved on condition that the open findings are remediated by their due dates; progress is reviewed monthly with the vendor.'
              : cycle === 0
                ? undefined
                : 'Reassessment: controls maintained, earlier findings closed.',
          exception:
            story === 'approved-exception'
              ? {
                  justification:
                    'DPA amendment adding on-site audit rights is with the vendor for signature; approval bridged until it is signed.',
                  expiresOn: dayOf(addDays(this.now, r.int(40, 75))),
                }
              : undefined,
        },
        followUps,
      });
      if (cycle === 0) this.activate(v, addHours(doneAt, 1));
    }
  }

  /**
   * When the due-tomorrow vendor's last assessment was completed: a tier's interval before
   * tomorrow (a day or two later when the calendar cannot land on tomorrow exactly).
   */
  private doneForDueTomorrow(v: VendorState): Date {
    const tomorrow = addDays(this.now, 1);
    const target = new Date(
      Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9),
    );
    let done = addMonths(target, -v.intervalMonths);
    for (let step = 0; step < 4 && addMonths(done, v.intervalMonths) < target; step++) {
      done = addDays(done, 1);
    }
    return done;
  }

  // ---------------------------------------------------------------------------------------
  // Building blocks

  private templateFor(v: VendorState): TemplateKey {
    if (v.tier === RiskTier.Tier3 || v.tier === RiskTier.Tier4) return 'breach';
    const onlyPipl = v.regimes.length === 1 && v.regimes[0] === Regime.Pipl;
    return onlyPipl && ['kuaidiniao', 'zhihui-cloud', 'yilian-health'].includes(v.spec.key)
      ? 'pipl'
      : 'baseline';
  }

  /** The agreement that holds the vendor's processing terms. */
  private processingType(v: VendorState): AgreementType {
    if (v.regimes.length === 1 && v.regimes[0] === Regime.Pipl)
      return AgreementType.PiplEntrustedProcessing;
    if (v.regimes.length === 1 && v.regimes[0] === Regime.Ccpa)
      return AgreementType.CcpaServiceProvider;
    return AgreementType.Dpa;
  }

  /** EU personal data processed from outside the EEA, where no adequacy decision helps. */
  private needsTransferClauses(v: VendorState): boolean {
    return v.regimes.includes(Regime.Gdpr) && ['US', 'IN', 'SG', 'AU'].includes(v.spec.country);
  }

  private createVendor(v: VendorState, at: Date): void {
    const { spec } = v;
    this.timeline.add(at, `${spec.key}: create`, async () => {
      const vendor = await this.services.vendors.create(this.team.procurement.ctx, {
        name: spec.name,
        legalName: spec.legalName,
        website: `https://www.${v.domain}`,
        country: spec.country,
        services: spec.services,
        tags: [...spec.tags],
        businessOwnerId: this.team.procurement.membershipId,
        riskOwnerId: this.team.riskOwner.membershipId,
        dataProfile: spec.profile,
      });
      v.id = vendor.id;
      this.backdating.touch('vendor', vendor.id, at);
    });
    v.contacts.forEach((contact, index) => {
      const contactAt = addHours(at, 0.1 * (index + 1));
      this.timeline.add(contactAt, `${spec.key}: contact ${index + 1}`, async () => {
        const added = await this.services.contacts.add(this.team.procurement.ctx, v.id!, {
          name: contact.spec.name,
          email: contact.email,
          role: contact.spec.role,
          language: contact.spec.language,
        });
        contact.id = added.id;
        this.backdating.touch('vendor_contact', added.id, contactAt);
        this.backdating.touch('vendor', v.id!, contactAt);
      });
    });
    if (spec.subProcessors.length) {
      const subAt = addHours(at, 0.5);
      this.timeline.add(subAt, `${spec.key}: sub-processors`, async () => {
        await this.services.vendors.setSubProcessors(
          this.team.procurement.ctx,
          v.id!,
          spec.subProcessors.map((entry) => ({
            name: entry.name,
            country: entry.country,
            service: entry.service,
            dataCategories: [...entry.dataCategories],
          })),
        );
        this.backdating.touch('vendor', v.id!, subAt);
      });
    }
    if (spec.tierOverride) {
      const override = spec.tierOverride;
      const overrideAt = addDays(at, 1);
      this.timeline.add(overrideAt, `${spec.key}: tier override`, async () => {
        await this.services.vendors.overrideTier(this.team.riskOwner.ctx, v.id!, override);
        this.backdating.touch('vendor', v.id!, overrideAt);
      });
    }
  }

  private activate(v: VendorState, at: Date): void {
    this.timeline.add(at, `${v.spec.key}: activate`, async () => {
      await this.services.vendors.update(this.team.procurement.ctx, v.id!, {
        lifecycle: VendorLifecycle.Active,
      });
      this.backdating.touch('vendor', v.id!, at);
    });
  }

  private offboard(v: VendorState, at: Date, reason: string): void {
    this.timeline.add(at, `${v.spec.key}: offboard`, async () => {
      await this.services.vendors.offboard(this.team.riskOwner.ctx, v.id!, reason);
      this.backdating.touch('vendor', v.id!, at);
    });
  }

  /** The agreement holding the vendor's processing terms (DPA, PIPL or CCPA terms). */
  private processingAgreement(
    v: VendorState,
    draftAt: Date,
    plan: Omit<Partial<AgreementPlan>, 'type' | 'draftAt'> & { title?: string },
  ): AgreementHandle {
    const type = this.processingType(v);
    return this.agreement(v, { ...plan, type, title: plan.title ?? titleOf(type), draftAt });
  }

  private agreement(v: VendorState, plan: AgreementPlan): AgreementHandle {
    const handle: AgreementHandle = { id: null };
    const key = v.spec.key;
    const random = v.random;
    const reference = this.reference(plan.type, plan.draftAt);
    const effective = plan.signedAt ?? addDays(plan.draftAt, 21);
    const years = plan.type === AgreementType.Nda ? 2 : 3;
    let expiryDate: string | null;
    if (plan.expiryDate !== undefined) {
      expiryDate = plan.expiryDate;
    } else {
      let expiry = addDays(effective, Math.round(years * 365.25));
      // An agreement left SIGNED must still be in force, or the expiry sweep ends it at start.
      if (!plan.end && expiry < addDays(this.now, 60)) expiry = addDays(expiry, 2 * 365);
      expiryDate = dayOf(expiry);
    }
    const signatories = (signed: Date | null): Signatory[] => {
      const contact = v.contacts[0]!;
      return [
        {
          party: 'ORGANIZATION',
          name: this.team.procurement.name,
          title: SIGNATORY_TITLE,
          email: this.team.procurement.email,
          signedAt: signed ? signed.toISOString() : null,
        },
        {
          party: 'VENDOR',
          name: contact.spec.name,
          title: contact.spec.role,
          email: contact.email,
          signedAt: signed ? addHours(signed, -20).toISOString() : null,
        },
      ];
    };
    this.timeline.add(plan.draftAt, `${key}: draft ${plan.type}`, async () => {
      const agreement = await this.services.agreements.create(this.team.procurement.ctx, v.id!, {
        type: plan.type,
        title: plan.title,
        reference,
        effectiveDate: dayOf(effective),
        expiryDate,
        signatories: signatories(null),
        notes:
          plan.type === AgreementType.Nda
            ? null
            : 'Negotiated on our template; annexes list the categories of data and the security measures.',
      });
      handle.id = agreement.id;
      this.backdating.touch('agreement', agreement.id, plan.draftAt);
    });
    const catalogs = catalogsOfType(plan.type);
    if (catalogs.length) {
      const reviewAt = addHours(plan.draftAt, 3);
      this.timeline.add(reviewAt, `${key}: clause review`, async () => {
        const relevant = catalogs.filter((catalog) => v.regimes.includes(catalog.regime));
        const reviewed = relevant.length ? relevant : catalogs.slice(0, 1);
        let missing = plan.missingClauses ?? 0;
        const reviews = reviewed.flatMap((catalog) =>
          [...catalog.clauses].reverse().map((clause) => {
            if (clause.mandatory && missing > 0) {
              missing -= 1;
              return {
                clauseId: clause.id,
                status: ClauseStatus.Missing,
                note: 'Limited to an annual SOC 2 report; amendment requested.',
              };
            }
            return {
              clauseId: clause.id,
              status:
                clause.mandatory || random.chance(0.7)
                  ? ClauseStatus.Present
                  : ClauseStatus.NotApplicable,
            };
          }),
        );
        await this.services.agreements.setClauses(this.team.riskOwner.ctx, handle.id!, reviews);
        this.backdating.touch('agreement', handle.id!, reviewAt);
      });
    }
    if (plan.sentAt) {
      const sentAt = plan.sentAt;
      this.timeline.add(sentAt, `${key}: send ${plan.type}`, async () => {
        await this.services.agreements.transition(this.team.procurement.ctx, handle.id!, {
          to: AgreementStatus.Sent,
        });
        this.backdating.touch('agreement', handle.id!, sentAt);
      });
    }
    if (plan.signedAt) {
      const signedAt = plan.signedAt;
      this.timeline.add(signedAt, `${key}: sign ${plan.type}`, async () => {
        const ctx = this.team.procurement.ctx;
        const document = await this.upload(
          ctx,
          `${plan.type === AgreementType.Nda ? 'NDA' : plan.type} ${v.spec.latinName} signed.pdf`,
          [
            `${plan.title} - ${v.spec.latinName}`,
            `Reference ${reference}`,
            `Between Lumen Retail Group and ${v.spec.latinName}`,
            `Signed ${dayOf(signedAt)}`,
          ],
        );
        await this.services.agreements.update(ctx, handle.id!, {
          signatories: signatories(signedAt),
          documentFileId: document,
        });
        await this.services.agreements.transition(ctx, handle.id!, { to: AgreementStatus.Signed });
        this.backdating.touch('agreement', handle.id!, signedAt);
      });
    }
    if (plan.end)
      this.endAgreement(
        handle,
        plan.end.at,
        plan.end.to,
        plan.end.reason,
        false,
        plan.end.supersededBy,
      );
    return handle;
  }

  private endAgreement(
    handle: AgreementHandle,
    at: Date,
    to: AgreementStatus.Expired | AgreementStatus.Terminated | AgreementStatus.Superseded,
    reason?: string,
    bySystem = false,
    supersededBy?: AgreementHandle,
  ): void {
    this.timeline.add(at, `agreement ${to.toLowerCase()}`, async () => {
      // Expiry is what the reminder sweep does on its own; the rest are people's decisions.
      const ctx = bySystem ? this.systemCtx('reminders') : this.team.procurement.ctx;
      await this.services.agreements.transition(ctx, handle.id!, {
        to,
        reason: reason ?? null,
        supersededById: supersededBy?.id ?? null,
      });
      this.backdating.touch('agreement', handle.id!, at);
    });
  }

  private assessment(v: VendorState, flow: AssessmentFlow): AssessmentHandle {
    const handle: AssessmentHandle = {
      id: null,
      contact: null,
      definition: null,
      answers: null,
      saved: new Set(),
      documents: new Map(),
      assessment: null,
    };
    const key = v.spec.key;
    const random = v.random;
    const team = () => this.team;
    const stages: Stage[] = [
      'sent',
      'in-progress',
      'submitted',
      'in-review',
      'changes-requested',
      'completed',
    ];
    const reached = (stage: Stage) =>
      flow.stage !== 'cancelled' && stages.indexOf(flow.stage) >= stages.indexOf(stage);

    this.timeline.add(flow.sentAt, `${key}: send assessment`, async () => {
      const contact = v.contacts[flow.contact ?? 0]!;
      handle.contact = contact;
      const versionId = this.templates.get(flow.template)!;
      const dueDate = dayOf(addDays(flow.sentAt, 30));
      const assessment = flow.reassessNow
        ? await this.services.scheduler.reassessNow(team().admin.ctx, { vendorId: v.id! })
        : await this.services.assessments.send(team().procurement.ctx, {
            vendorId: v.id!,
            templateVersionId: versionId,
            contactId: contact.id!,
            dueDate,
            cycle: flow.cycle,
          });
      handle.id = assessment.id;
      handle.assessment = assessment;
      handle.definition = this.definitions.get(assessment.templateVersionId)!;
      this.backdating.touch('assessment', assessment.id, flow.sentAt);
    });

    const answerStep = (at: Date, share: number, submit: boolean) =>
      this.timeline.add(at, `${key}: answer${submit ? ' and submit' : ''}`, async () => {
        const plan = () =>
          generateAnswers(
            handle.definition!,
            {
              vendor: {
                name: v.spec.name,
                domain: v.domain,
                profile: v.spec.profile,
                subProcessors: v.spec.subProcessors,
              },
              language: handle.contact!.spec.language,
              posture: flow.posture,
              gaps: flow.gaps ?? [],
              today: dayOf(at),
            },
            random,
          );
        handle.answers ??= plan();
        const pending = handle.answers.filter((answer) => !handle.saved.has(answer.questionKey));
        const batch = submit ? pending : pending.slice(0, Math.ceil(handle.answers.length * share));
        await this.saveAnswers(v, handle, batch);
        if (submit) await this.submit(v, handle, at);
      });

    if (flow.stage === 'cancelled') {
      if (flow.startedAt) answerStep(flow.startedAt, 0.35, false);
      this.timeline.add(flow.cancel!.at, `${key}: cancel assessment`, async () => {
        await this.services.assessments.cancel(
          team().procurement.ctx,
          handle.id!,
          flow.cancel!.reason,
        );
        this.backdating.touch('assessment', handle.id!, flow.cancel!.at);
      });
      return handle;
    }
    if (reached('in-progress')) {
      const startedAt = flow.startedAt ?? addDays(flow.sentAt, 3);
      answerStep(startedAt, flow.stage === 'in-progress' ? 0.3 : 0.45, false);
      if (flow.stage === 'in-progress') {
        const more = addDays(startedAt, 4);
        if (more < addDays(this.now, -0.5)) answerStep(more, 0.3, false);
      }
    }
    if (reached('submitted')) answerStep(flow.submittedAt!, 1, true);
    if (reached('in-review')) {
      this.timeline.add(flow.reviewAt!, `${key}: start review`, async () => {
        handle.assessment = await this.services.reviews.startReview(
          team().riskOwner.ctx,
          handle.id!,
        );
        this.backdating.touch('assessment', handle.id!, flow.reviewAt!);
      });
    }
    for (const comment of flow.comments ?? []) {
      this.timeline.add(comment.at, `${key}: comment`, async () => {
        const ctx = comment.by === 'vendor' ? this.vendorCtx(v, handle) : team().riskOwner.ctx;
        const added = await this.services.reviews.addComment(ctx, handle.id!, {
          body: comment.body,
          questionKey: comment.questionKey ?? null,
          visibility:
            comment.by === 'reviewer-internal'
              ? CommentVisibility.Internal
              : comment.by === 'reviewer-to-vendor'
                ? CommentVisibility.Vendor
                : null,
        });
        this.backdating.touch('review_comment', added.id, comment.at);
      });
    }
    if (flow.manualFinding) {
      const manual = flow.manualFinding;
      this.timeline.add(manual.at, `${key}: raise finding`, async () => {
        const finding = await this.services.findings.raise(team().riskOwner.ctx, {
          vendorId: v.id!,
          assessmentId: handle.id!,
          severity: manual.severity,
          title: manual.title,
          description: manual.description,
          ownerId: team().riskOwner.membershipId,
          dueDate: dayOf(addDays(manual.at, 45)),
        });
        this.backdating.touch('finding', finding.id, manual.at);
      });
    }
    if (flow.changes && reached('changes-requested')) {
      const changes = flow.changes;
      this.timeline.add(changes.at, `${key}: request changes`, async () => {
        const answered = handle.answers!.map((answer) => answer.questionKey);
        const gapKeys = (flow.gaps ?? [])
          .map((gap) => gap.replace(/!$/, ''))
          .filter((gap) => answered.includes(gap));
        const withEvidence = handle
          .answers!.filter((answer) => answer.evidence)
          .map((a) => a.questionKey);
        const keys = [...new Set([...gapKeys, ...random.sample(withEvidence, 1)])];
        const zh = handle.contact!.spec.language === 'zh-CN';
        handle.assessment = await this.services.reviews.requestChanges(
          team().riskOwner.ctx,
          handle.id!,
          {
            questionKeys: keys.length ? keys : answered.slice(0, 1),
            comment: zh ? TEXT.changes.zh : TEXT.changes.en,
          },
        );
        this.backdating.touch('assessment', handle.id!, changes.at);
      });
      if (changes.resubmittedAt && reached('completed')) {
        const at = changes.resubmittedAt;
        this.timeline.add(at, `${key}: answer changes and resubmit`, async () => {
          await this.resubmit(v, handle, flow, at);
        });
        this.timeline.add(addHours(at, 20), `${key}: review again`, async () => {
          handle.assessment = await this.services.reviews.startReview(
            team().riskOwner.ctx,
            handle.id!,
          );
        });
      }
    }
    if (flow.override) {
      const override = flow.override;
      this.timeline.add(override.at, `${key}: override score`, async () => {
        const computed = Number(handle.assessment?.overallScore ?? 60);
        handle.assessment = await this.services.reviews.overrideScore(
          team().riskOwner.ctx,
          handle.id!,
          {
            score: Math.min(100, Math.round(computed + override.delta)),
            justification: override.justification,
          },
        );
        this.backdating.touch('assessment', handle.id!, override.at);
      });
    }
    if (flow.completion && reached('completed')) {
      const completion = flow.completion;
      this.timeline.add(completion.at, `${key}: complete assessment`, async () => {
        handle.assessment = await this.services.reviews.complete(team().riskOwner.ctx, handle.id!, {
          decision: completion.decision,
          note: completion.note ?? null,
          coverageException: completion.exception ?? null,
        });
        this.backdating.touch('assessment', handle.id!, completion.at);
      });
    }
    for (const followUp of flow.followUps ?? []) {
      this.timeline.add(followUp.at, `${key}: follow up findings`, async () => {
        await this.followUp(v, handle, followUp);
      });
    }
    return handle;
  }

  private async saveAnswers(
    v: VendorState,
    handle: AssessmentHandle,
    batch: readonly GeneratedAnswer[],
  ): Promise<void> {
    if (batch.length === 0) return;
    const ctx = this.vendorCtx(v, handle);
    const existing = new Map(
      (await this.services.assessments.answersOf(ctx, [handle.id!])).map((answer) => [
        answer.questionKey,
        answer,
      ]),
    );
    const definition = handle.definition!;
    const evidenceRequired = new Set(
      definition.sections.flatMap((section) =>
        section.questions.filter((q) => q.evidence !== 'NONE').map((q) => q.key),
      ),
    );
    const toConfirm: string[] = [];
    const toSave: GeneratedAnswer[] = [];
    for (const answer of batch) {
      const current = existing.get(answer.questionKey);
      const same =
        current?.carriedOver &&
        !evidenceRequired.has(answer.questionKey) &&
        !answer.notApplicable &&
        JSON.stringify(current.value) === JSON.stringify(answer.value ?? null);
      if (same) toConfirm.push(answer.questionKey);
      else toSave.push(answer);
    }
    const inputs = [];
    for (const answer of toSave) {
      const evidence = answer.evidence ? [await this.evidence(v, handle, answer)] : undefined;
      inputs.push({
        questionKey: answer.questionKey,
        value: answer.notApplicable ? null : (answer.value as AnswerValue),
        notApplicable: answer.notApplicable ?? false,
        comment: answer.comment ?? null,
        evidenceFileIds: evidence,
        expectedRevision: existing.get(answer.questionKey)?.revision ?? 0,
      });
    }
    for (let start = 0; start < inputs.length; start += 200) {
      await this.services.vendorAssessments.saveAnswers(
        ctx,
        handle.id!,
        inputs.slice(start, start + 200),
      );
    }
    if (toConfirm.length) await this.services.carryOver.confirm(ctx, handle.id!, toConfirm);
    for (const answer of batch) handle.saved.add(answer.questionKey);
  }

  private async submit(v: VendorState, handle: AssessmentHandle, at: Date): Promise<void> {
    const ctx = this.vendorCtx(v, handle);
    let result = await this.services.vendorAssessments.submit(ctx, handle.id!);
    const unconfirmed = result.missing.filter((item) => item.reason === 'CONFIRMATION');
    if (unconfirmed.length && unconfirmed.length === result.missing.length) {
      await this.services.carryOver.confirm(
        ctx,
        handle.id!,
        unconfirmed.map((item) => item.questionKey),
      );
      result = await this.services.vendorAssessments.submit(ctx, handle.id!);
    }
    if (result.missing.length) {
      throw new Error(`the assessment could not be submitted: ${JSON.stringify(result.missing)}`);
    }
    handle.assessment = result.assessment;
    this.backdating.touch('assessment', handle.id!, at);
    for (const finding of await this.services.findings.findingsOfAssessments(
      this.team.riskOwner.ctx,
      [handle.id!],
    )) {
      if (!this.backdating.rows.get('finding')?.has(finding.id))
        this.backdating.touch('finding', finding.id, at);
    }
  }

  /** The vendor answers the reopened questions (now without the gap) and submits again. */
  private async resubmit(
    v: VendorState,
    handle: AssessmentHandle,
    flow: AssessmentFlow,
    at: Date,
  ): Promise<void> {
    const reopened = handle.assessment!.reopenedQuestionKeys;
    const improved = generateAnswers(
      handle.definition!,
      {
        vendor: {
          name: v.spec.name,
          domain: v.domain,
          profile: v.spec.profile,
          subProcessors: v.spec.subProcessors,
        },
        language: handle.contact!.spec.language,
        posture: flow.posture,
        // Knockouts stay (they are the conditions of the approval); flagged answers improve.
        gaps: (flow.gaps ?? []).filter((gap) => gap.endsWith('!')),
        today: dayOf(at),
      },
      v.random,
    );
    const byKey = new Map(improved.map((answer) => [answer.questionKey, answer]));
    const previous = new Map(handle.answers!.map((answer) => [answer.questionKey, answer]));
    const batch = reopened
      .map((key) => byKey.get(key) ?? previous.get(key))
      .filter((answer): answer is GeneratedAnswer => answer !== undefined)
      .map((answer) => ({
        ...answer,
        evidence: answer.evidence ?? previous.get(answer.questionKey)?.evidence,
      }));
    handle.saved = new Set([...handle.saved].filter((key) => !reopened.includes(key)));
    handle.documents.clear();
    await this.saveAnswers(v, handle, batch);
    await this.submit(v, handle, at);
  }

  private async followUp(
    v: VendorState,
    handle: AssessmentHandle,
    followUp: FindingFollowUp,
  ): Promise<void> {
    const team = this.team;
    const open = (
      await this.services.findings.findingsOfAssessments(team.riskOwner.ctx, [handle.id!])
    ).filter(
      (finding: Finding) =>
        finding.status === FindingStatus.Open || finding.status === FindingStatus.InRemediation,
    );
    const at = followUp.at;
    for (const [index, finding] of open.entries()) {
      const action = followUp.actions[Math.min(index, followUp.actions.length - 1)]!;
      if (action === 'remediate') {
        if (finding.status === FindingStatus.Open) {
          const due = addDays(
            at,
            Math.max(45, Math.ceil((this.now.getTime() - at.getTime()) / DAY_MS) + 30),
          );
          await this.services.findings.update(team.riskOwner.ctx, finding.id, {
            status: FindingStatus.InRemediation,
            ownerId: team.riskOwner.membershipId,
            dueDate: dayOf(due),
          });
        }
        const zh = handle.contact!.spec.language === 'zh-CN';
        await this.services.findings.respond(this.vendorCtx(v, handle), finding.id, {
          plan: zh ? TEXT.remediationPlan.zh : TEXT.remediationPlan.en,
          targetDate: dayOf(addDays(at, 30)),
        });
      } else if (action === 'resolve') {
        await this.services.findings.resolve(team.riskOwner.ctx, finding.id, {
          note: 'Fixed and verified with new evidence from the vendor.',
        });
      } else {
        await this.services.findings.acceptRisk(team.riskOwner.ctx, finding.id, {
          justification:
            'Risk accepted until the contract renewal: compensating monitoring is in place and the vendor holds no payment data.',
          expiresOn: dayOf(addDays(this.now, 150)),
        });
      }
      this.backdating.touch('finding', finding.id, at);
    }
  }

  /** The id of an evidence document uploaded by the vendor contact for this assessment. */
  private async evidence(
    v: VendorState,
    handle: AssessmentHandle,
    answer: GeneratedAnswer,
  ): Promise<string> {
    const document = answer.evidence!;
    const known = handle.documents.get(document.key);
    if (known) return known;
    const zh = handle.contact!.spec.language === 'zh-CN';
    const id = await this.upload(
      this.vendorCtx(v, handle),
      `${zh ? document.zh : document.en}.pdf`,
      [
        `${v.spec.latinName} - ${document.en}`,
        `Provided for Lumen Retail Group`,
        `Version of ${this.services.assessments.today()}`,
      ],
    );
    handle.documents.set(document.key, id);
    return id;
  }

  private async upload(
    ctx: RequestContext,
    name: string,
    lines: readonly string[],
  ): Promise<string> {
    const path = join(
      this.scratchDir,
      `upload-${++this.scratchFiles}-${randomBytes(4).toString('hex')}.pdf`,
    );
    await writeFile(path, demoPdf(lines));
    try {
      const file = await this.services.files.upload(ctx, { tempPath: path, originalName: name });
      return file.id;
    } finally {
      await rm(path, { force: true });
    }
  }

  /** The invited contact's context, as their invitation session would give it. */
  private vendorCtx(v: VendorState, handle: AssessmentHandle): RequestContext {
    const member = this.team.procurement.ctx;
    return RequestContext.create({
      requestId: member.requestId,
      actor: {
        kind: 'vendorContact',
        contactId: handle.contact!.id!,
        vendorId: v.id!,
        assessmentIds: [handle.id!],
      },
      organizationId: member.organizationId,
      unitOfWork: member.unitOfWork,
    }).withUnitOfWork(member.unitOfWork!, true);
  }

  private systemCtx(name: string): RequestContext {
    const member = this.team.procurement.ctx;
    return RequestContext.system(name, member.requestId, member.organizationId).withUnitOfWork(
      member.unitOfWork!,
      true,
    );
  }

  private reference(type: AgreementType, at: Date): string {
    const short = {
      [AgreementType.Dpa]: 'DPA',
      [AgreementType.Nda]: 'NDA',
      [AgreementType.SccEu]: 'SCC',
      [AgreementType.UkIdta]: 'IDTA',
      [AgreementType.PiplEntrustedProcessing]: 'PIPL',
      [AgreementType.PiplStandardContract]: 'PIPL-SC',
      [AgreementType.CcpaServiceProvider]: 'CCPA',
      [AgreementType.Other]: 'AGR',
    }[type];
    const next = (this.references.get(short) ?? 0) + 1;
    this.references.set(short, next);
    return `LRG-${short}-${at.getUTCFullYear()}-${String(next).padStart(3, '0')}`;
  }
}

function titleOf(type: AgreementType): string {
  switch (type) {
    case AgreementType.Dpa:
      return 'Data Processing Agreement';
    case AgreementType.Nda:
      return 'Mutual Non-Disclosure Agreement';
    case AgreementType.SccEu:
      return 'EU Standard Contractual Clauses (Module 2: controller to processor)';
    case AgreementType.UkIdta:
      return 'UK International Data Transfer Agreement';
    case AgreementType.PiplEntrustedProcessing:
      return '个人信息委托处理协议 (Entrusted Processing Agreement)';
    case AgreementType.PiplStandardContract:
      return '个人信息出境标准合同 (PIPL Standard Contract)';
    case AgreementType.CcpaServiceProvider:
      return 'CCPA Service Provider Addendum';
    case AgreementType.Other:
      return 'Agreement';
  }
}

function libraryName(key: TemplateKey): string {
  return {
    baseline: 'Vendor privacy baseline',
    pipl: 'PIPL entrusted processing (China)',
    breach: 'Breach readiness quick check',
  }[key];
}

function libraryDescription(key: TemplateKey): string {
  return {
    baseline: 'For tier 1 and 2 vendors: governance, security, transfers and data subject rights.',
    pipl: 'For processors of personal information of people in China (PIPL Art. 21).',
    breach: 'Short check for tier 3 and 4 vendors.',
  }[key];
}
