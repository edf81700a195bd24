import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiKeyScope } from '#core';
import { VendorContactTokens } from '#identity';
import { operationAccess } from '../../apps/api/src/graphql/access/access-table.js';
import { createAgreement } from '../factories/agreement.factory.js';
import { minimalPdf } from '../factories/file.factory.js';
import { createOrganization, signInToken, type TestMember } from '../factories/identity.factory.js';
import { createTemplate } from '../factories/questionnaire.factory.js';
import { createVendor } from '../factories/vendor.factory.js';
import { apiKey, bearer, downloadFile, uploadFile, type Credentials } from '../utils/files.js';
import { GraphqlClient } from '../utils/graphql-client.js';
import {
  callOf,
  idPaths,
  randomGlobalId,
  schemaOperations,
  type SchemaOperation,
} from '../utils/schema-operations.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

/** Organization A's objects, which organization B must never reach. */
interface Victim {
  readonly member: TestMember;
  readonly gql: GraphqlClient;
  readonly organizationId: string;
  readonly apiKeyId: string;
  readonly apiKey: string;
  readonly auditEventId: string;
  readonly memberId: string;
  readonly vendorId: string;
  readonly contactId: string;
  readonly agreementId: string;
  /** A file the victim uploaded (POST /files). */
  readonly fileId: string;
  readonly templateId: string;
  /** The template's draft version. */
  readonly versionId: string;
  readonly importId: string;
  /** A published version (a library copy) and an assessment sent with it. */
  readonly publishedVersionId: string;
  readonly assessmentId: string;
  /** A finding raised by hand against the victim's vendor. */
  readonly findingId: string;
  /** The invitation email of that assessment. */
  readonly emailMessageId: string;
  /** A webhook endpoint, and the delivery of the assessment's `assessment.sent` to it. */
  readonly webhookEndpointId: string;
  readonly webhookDeliveryId: string;
}

/** Whether a response carries nothing but nulls (a refused nullable field still answers null). */
const empty = (data: Record<string, unknown> | null | undefined) =>
  Object.values(data ?? {}).every((value) => value === null);

interface Attempt {
  /** The call as organization B, naming A's objects. */
  readonly values: Record<string, unknown>;
  /** The same call naming nothing that exists. */
  readonly randomValues: Record<string, unknown>;
  /** The code both must answer with; null for a list that must come back equally empty. */
  readonly code: string | null;
}

/**
 * One entry per operation that takes an id: how to aim it at organization A's objects. An
 * id-taking operation without an entry fails the suite, so coverage cannot shrink silently.
 * JobPipelineCheck ids are left out of node(): pipeline checks are the platform's diagnostics,
 * not any organization's data.
 */
/** Organization B, which aims at A's objects, and an object of its own. */
type Attacker = TestMember & {
  readonly vendorId: string;
  readonly contactId: string;
  readonly publishedVersionId: string;
  readonly agreementId: string;
  readonly templateId: string;
  readonly versionId: string;
  readonly findingId: string;
};

const EMPTY_DEFINITION = { languages: ['en'], sections: [] };
const ASSAY_JSON = JSON.stringify({ definition: EMPTY_DEFINITION });

const FIXTURES: Record<string, (victim: Victim, attacker: Attacker) => Attempt[]> = {
  node: (victim) =>
    [
      victim.organizationId,
      victim.apiKeyId,
      victim.auditEventId,
      victim.memberId,
      victim.vendorId,
      victim.contactId,
      victim.agreementId,
      victim.fileId,
      victim.templateId,
      victim.versionId,
      victim.importId,
      victim.assessmentId,
      victim.findingId,
      victim.emailMessageId,
      victim.webhookEndpointId,
      victim.webhookDeliveryId,
    ].map((id) => ({
      values: { id },
      randomValues: { id: randomGlobalId(Buffer.from(id, 'base64url').toString().split(':')[0]) },
      code: 'NOT_FOUND',
    })),
  vendor: (victim) => [
    {
      values: { id: victim.vendorId },
      randomValues: { id: randomGlobalId('Vendor') },
      code: 'NOT_FOUND',
    },
  ],
  // Filters naming A's member find nothing, exactly like a member that does not exist.
  vendors: (victim) =>
    ['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: { filter: { [field]: victim.memberId } },
      randomValues: { filter: { [field]: randomGlobalId('Member') } },
      code: null,
    })),
  createVendor: (victim) =>
    ['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: { input: { name: `Aimed ${field}`, [field]: victim.memberId } },
      randomValues: { input: { name: `Aimed ${field}`, [field]: randomGlobalId('Member') } },
      code: 'NOT_FOUND',
    })),
  updateVendor: (victim, attacker) => [
    {
      values: { input: { vendorId: victim.vendorId, name: 'Taken over' } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor'), name: 'Taken over' } },
      code: 'NOT_FOUND',
    },
    // B's own vendor may not be given A's member as an owner.
    ...['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: { input: { vendorId: attacker.vendorId, [field]: victim.memberId } },
      randomValues: { input: { vendorId: attacker.vendorId, [field]: randomGlobalId('Member') } },
      code: 'NOT_FOUND',
    })),
  ],
  offboardVendor: (victim) => [
    {
      values: { input: { vendorId: victim.vendorId } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor') } },
      code: 'NOT_FOUND',
    },
  ],
  overrideVendorTier: (victim) => [
    {
      values: { input: { vendorId: victim.vendorId, tier: 'TIER_1', justification: 'x' } },
      randomValues: {
        input: { vendorId: randomGlobalId('Vendor'), tier: 'TIER_1', justification: 'x' },
      },
      code: 'NOT_FOUND',
    },
  ],
  setSubProcessors: (victim) => [
    {
      values: { input: { vendorId: victim.vendorId, subProcessors: [] } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor'), subProcessors: [] } },
      code: 'NOT_FOUND',
    },
  ],
  addVendorContact: (victim) => [
    {
      values: { input: { vendorId: victim.vendorId, name: 'X', email: 'x@example.com' } },
      randomValues: {
        input: { vendorId: randomGlobalId('Vendor'), name: 'X', email: 'x@example.com' },
      },
      code: 'NOT_FOUND',
    },
  ],
  updateVendorContact: (victim) => [
    {
      values: { input: { contactId: victim.contactId, name: 'Taken over' } },
      randomValues: { input: { contactId: randomGlobalId('VendorContact'), name: 'Taken over' } },
      code: 'NOT_FOUND',
    },
  ],
  removeVendorContact: (victim) => [
    {
      values: { input: { contactId: victim.contactId } },
      randomValues: { input: { contactId: randomGlobalId('VendorContact') } },
      code: 'NOT_FOUND',
    },
  ],
  agreement: (victim) => [
    {
      values: { id: victim.agreementId },
      randomValues: { id: randomGlobalId('Agreement') },
      code: 'NOT_FOUND',
    },
  ],
  agreements: (victim) => [
    {
      values: { filter: { vendorId: victim.vendorId } },
      randomValues: { filter: { vendorId: randomGlobalId('Vendor') } },
      code: null,
    },
  ],
  recordImpactAssessment: (victim) => [
    {
      values: { input: { vendorId: victim.vendorId, completedOn: '2026-01-15' } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor'), completedOn: '2026-01-15' } },
      code: 'NOT_FOUND',
    },
  ],
  vendorRiskHistory: (victim) => [
    {
      values: { vendorId: victim.vendorId },
      randomValues: { vendorId: randomGlobalId('Vendor') },
      code: 'NOT_FOUND',
    },
  ],
  portfolioOverview: (victim) =>
    ['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: { filter: { [field]: victim.memberId } },
      randomValues: { filter: { [field]: randomGlobalId('Member') } },
      code: null,
    })),
  portfolioTrend: (victim) =>
    ['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: { filter: { [field]: victim.memberId } },
      randomValues: { filter: { [field]: randomGlobalId('Member') } },
      code: null,
    })),
  agreementCoverage: (victim) => [
    {
      values: { vendorId: victim.vendorId },
      randomValues: { vendorId: randomGlobalId('Vendor') },
      code: 'NOT_FOUND',
    },
  ],
  createAgreement: (victim, attacker) => [
    {
      values: { input: { vendorId: victim.vendorId, type: 'DPA', title: 'Aimed' } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor'), type: 'DPA', title: 'Aimed' } },
      code: 'NOT_FOUND',
    },
    // B's own agreement may not take A's upload as its signed document.
    {
      values: {
        input: {
          vendorId: attacker.vendorId,
          type: 'DPA',
          title: 'A',
          documentFileId: victim.fileId,
        },
      },
      randomValues: {
        input: {
          vendorId: attacker.vendorId,
          type: 'DPA',
          title: 'A',
          documentFileId: randomGlobalId('File'),
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  updateAgreement: (victim, attacker) => [
    {
      values: { input: { agreementId: victim.agreementId, title: 'Taken over' } },
      randomValues: { input: { agreementId: randomGlobalId('Agreement'), title: 'Taken over' } },
      code: 'NOT_FOUND',
    },
    {
      values: { input: { agreementId: attacker.agreementId, documentFileId: victim.fileId } },
      randomValues: {
        input: { agreementId: attacker.agreementId, documentFileId: randomGlobalId('File') },
      },
      code: 'NOT_FOUND',
    },
  ],
  transitionAgreement: (victim, attacker) => [
    {
      values: { input: { agreementId: victim.agreementId, to: 'SENT' } },
      randomValues: { input: { agreementId: randomGlobalId('Agreement'), to: 'SENT' } },
      code: 'NOT_FOUND',
    },
    {
      values: {
        input: {
          agreementId: attacker.agreementId,
          to: 'SUPERSEDED',
          supersededByAgreementId: victim.agreementId,
        },
      },
      randomValues: {
        input: {
          agreementId: attacker.agreementId,
          to: 'SUPERSEDED',
          supersededByAgreementId: randomGlobalId('Agreement'),
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  setAgreementClauses: (victim) => [
    {
      values: {
        input: {
          agreementId: victim.agreementId,
          clauses: [{ clauseId: 'gdpr.28.3.a', status: 'PRESENT' }],
        },
      },
      randomValues: {
        input: {
          agreementId: randomGlobalId('Agreement'),
          clauses: [{ clauseId: 'gdpr.28.3.a', status: 'PRESENT' }],
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  questionnaireTemplate: (victim) => [
    {
      values: { id: victim.templateId },
      randomValues: { id: randomGlobalId('QuestionnaireTemplate') },
      code: 'NOT_FOUND',
    },
  ],
  templateVersion: (victim) => [
    {
      values: { id: victim.versionId },
      randomValues: { id: randomGlobalId('TemplateVersion') },
      code: 'NOT_FOUND',
    },
  ],
  templateVersionDiff: (victim, attacker) => [
    {
      values: { fromId: victim.versionId, toId: attacker.versionId },
      randomValues: { fromId: randomGlobalId('TemplateVersion'), toId: attacker.versionId },
      code: 'NOT_FOUND',
    },
  ],
  questionnaireImport: (victim) => [
    {
      values: { id: victim.importId },
      randomValues: { id: randomGlobalId('QuestionnaireImport') },
      code: 'NOT_FOUND',
    },
  ],
  updateQuestionnaireTemplate: (victim) => [
    {
      values: { input: { templateId: victim.templateId, name: 'Taken over' } },
      randomValues: {
        input: { templateId: randomGlobalId('QuestionnaireTemplate'), name: 'Taken over' },
      },
      code: 'NOT_FOUND',
    },
  ],
  createDraftVersion: (victim, attacker) => [
    {
      values: { input: { templateId: victim.templateId } },
      randomValues: { input: { templateId: randomGlobalId('QuestionnaireTemplate') } },
      code: 'NOT_FOUND',
    },
    // B's own template may not clone A's version.
    {
      values: { input: { templateId: attacker.templateId, fromVersionId: victim.versionId } },
      randomValues: {
        input: {
          templateId: attacker.templateId,
          fromVersionId: randomGlobalId('TemplateVersion'),
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  updateDraftDefinition: (victim) => [
    {
      values: {
        input: { versionId: victim.versionId, definition: EMPTY_DEFINITION, expectedRevision: 1 },
      },
      randomValues: {
        input: {
          versionId: randomGlobalId('TemplateVersion'),
          definition: EMPTY_DEFINITION,
          expectedRevision: 1,
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  publishTemplateVersion: (victim) => [
    {
      values: { input: { versionId: victim.versionId } },
      randomValues: { input: { versionId: randomGlobalId('TemplateVersion') } },
      code: 'NOT_FOUND',
    },
  ],
  retireTemplateVersion: (victim) => [
    {
      values: { input: { versionId: victim.versionId } },
      randomValues: { input: { versionId: randomGlobalId('TemplateVersion') } },
      code: 'NOT_FOUND',
    },
  ],
  importQuestionnaire: (victim) => [
    {
      values: {
        input: { format: 'ASSAY_JSON', content: ASSAY_JSON, templateId: victim.templateId },
      },
      randomValues: {
        input: {
          format: 'ASSAY_JSON',
          content: ASSAY_JSON,
          templateId: randomGlobalId('QuestionnaireTemplate'),
        },
      },
      code: 'NOT_FOUND',
    },
    {
      values: { input: { format: 'ASSAY_JSON', fileId: victim.fileId } },
      randomValues: { input: { format: 'ASSAY_JSON', fileId: randomGlobalId('File') } },
      code: 'NOT_FOUND',
    },
  ],
  assessment: (victim) => [
    {
      values: { id: victim.assessmentId },
      randomValues: { id: randomGlobalId('Assessment') },
      code: 'NOT_FOUND',
    },
  ],
  assessments: (victim) => [
    {
      values: { filter: { vendorId: victim.vendorId } },
      randomValues: { filter: { vendorId: randomGlobalId('Vendor') } },
      code: null,
    },
    {
      values: { filter: { reviewerId: victim.memberId } },
      randomValues: { filter: { reviewerId: randomGlobalId('Member') } },
      code: null,
    },
    {
      values: { filter: { templateVersionId: victim.publishedVersionId } },
      randomValues: { filter: { templateVersionId: randomGlobalId('TemplateVersion') } },
      code: null,
    },
  ],
  assessmentComparison: (victim) => [
    {
      values: { fromId: victim.assessmentId, toId: victim.assessmentId },
      randomValues: { fromId: randomGlobalId('Assessment'), toId: randomGlobalId('Assessment') },
      code: 'NOT_FOUND',
    },
  ],
  // Exporting A's assessment is NOT_FOUND; filters naming A's objects export none of them.
  requestExport: (victim) => [
    ...[
      ['ASSESSMENT_ANSWERS', 'CSV'],
      ['ASSESSMENT_REPORT', 'PDF'],
    ].map(([kind, format]) => ({
      values: { input: { kind, format, assessmentId: victim.assessmentId } },
      randomValues: { input: { kind, format, assessmentId: randomGlobalId('Assessment') } },
      code: 'NOT_FOUND',
    })),
    ...['riskOwnerId', 'businessOwnerId'].map((field) => ({
      values: {
        input: {
          kind: 'VENDOR_REGISTER',
          format: 'CSV',
          vendorFilter: { [field]: victim.memberId },
        },
      },
      randomValues: {
        input: {
          kind: 'VENDOR_REGISTER',
          format: 'CSV',
          vendorFilter: { [field]: randomGlobalId('Member') },
        },
      },
      code: null,
    })),
    ...(
      [
        ['vendorId', 'Vendor'],
        ['assessmentId', 'Assessment'],
      ] as const
    ).map(([field, type]) => ({
      values: {
        input: {
          kind: 'FINDINGS',
          format: 'CSV',
          findingFilter: { [field]: field === 'vendorId' ? victim.vendorId : victim.assessmentId },
        },
      },
      randomValues: {
        input: {
          kind: 'FINDINGS',
          format: 'CSV',
          findingFilter: { [field]: randomGlobalId(type) },
        },
      },
      code: null,
    })),
  ],
  scorePreview: (victim) => [
    {
      values: { assessmentId: victim.assessmentId },
      randomValues: { assessmentId: randomGlobalId('Assessment') },
      code: 'NOT_FOUND',
    },
  ],
  reassessNow: (victim, attacker) => [
    {
      values: { input: { vendorId: victim.vendorId } },
      randomValues: { input: { vendorId: randomGlobalId('Vendor') } },
      code: 'NOT_FOUND',
    },
    {
      values: {
        input: { vendorId: attacker.vendorId, templateVersionId: victim.publishedVersionId },
      },
      randomValues: {
        input: {
          vendorId: attacker.vendorId,
          templateVersionId: randomGlobalId('TemplateVersion'),
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  // A policy may not name another organization's template.
  updateReassessmentPolicy: (victim) => {
    const tiers = (templateId: string) =>
      ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'].map((tier) => ({
        tier,
        intervalMonths: 12,
        duePeriodDays: 30,
        mode: 'AUTOMATIC',
        templateId,
      }));
    return [
      {
        values: { input: { tiers: tiers(victim.templateId), expectedVersion: 0 } },
        randomValues: {
          input: { tiers: tiers(randomGlobalId('QuestionnaireTemplate')), expectedVersion: 0 },
        },
        code: 'NOT_FOUND',
      },
    ];
  },
  sendAssessment: (victim, attacker) => {
    const input = {
      vendorId: attacker.vendorId,
      templateVersionId: attacker.publishedVersionId,
      contactId: attacker.contactId,
      dueDate: '2099-12-31',
    };
    return [
      {
        values: { input: { ...input, vendorId: victim.vendorId } },
        randomValues: { input: { ...input, vendorId: randomGlobalId('Vendor') } },
        code: 'NOT_FOUND',
      },
      {
        values: { input: { ...input, templateVersionId: victim.publishedVersionId } },
        randomValues: { input: { ...input, templateVersionId: randomGlobalId('TemplateVersion') } },
        code: 'NOT_FOUND',
      },
      {
        values: { input: { ...input, contactId: victim.contactId } },
        randomValues: { input: { ...input, contactId: randomGlobalId('VendorContact') } },
        code: 'NOT_FOUND',
      },
    ];
  },
  ...Object.fromEntries(
    ['resendInvitation', 'revokeInvitation', 'cancelAssessment'].map((name) => [
      name,
      (victim: Victim) => [
        {
          values: { input: { assessmentId: victim.assessmentId } },
          randomValues: { input: { assessmentId: randomGlobalId('Assessment') } },
          code: 'NOT_FOUND',
        },
      ],
    ]),
  ),
  // Review: B's reviewer naming A's assessment finds nothing, before any state is looked at.
  ...Object.fromEntries(
    (
      [
        ['startReview', {}],
        ['addReviewComment', { body: 'Aimed' }],
        ['requestChanges', { questionKeys: ['x'], comment: 'Aimed' }],
        ['overrideScore', { score: 50, justification: 'Aimed' }],
        ['completeAssessment', { decision: 'APPROVED', note: 'Aimed' }],
      ] as const
    ).map(([name, rest]) => [
      name,
      (victim: Victim) => [
        {
          values: { input: { assessmentId: victim.assessmentId, ...rest } },
          randomValues: { input: { assessmentId: randomGlobalId('Assessment'), ...rest } },
          code: 'NOT_FOUND',
        },
      ],
    ]),
  ),
  // Vendor-contact operations: a member is refused before any id is looked at.
  vendorAssessment: (victim) => [
    {
      values: { id: victim.assessmentId },
      randomValues: { id: randomGlobalId('Assessment') },
      code: 'FORBIDDEN',
    },
  ],
  saveAnswers: (victim) => [
    {
      values: {
        input: {
          assessmentId: victim.assessmentId,
          answers: [{ questionKey: 'x', value: true, expectedRevision: 0 }],
        },
      },
      randomValues: {
        input: {
          assessmentId: randomGlobalId('Assessment'),
          answers: [{ questionKey: 'x', value: true, expectedRevision: 0 }],
        },
      },
      code: 'FORBIDDEN',
    },
  ],
  submitAssessment: (victim) => [
    {
      values: { input: { assessmentId: victim.assessmentId } },
      randomValues: { input: { assessmentId: randomGlobalId('Assessment') } },
      code: 'FORBIDDEN',
    },
  ],
  confirmCarriedOverAnswers: (victim) => [
    {
      values: { input: { assessmentId: victim.assessmentId, questionKeys: ['x'] } },
      randomValues: { input: { assessmentId: randomGlobalId('Assessment'), questionKeys: ['x'] } },
      code: 'FORBIDDEN',
    },
  ],
  finding: (victim) => [
    {
      values: { id: victim.findingId },
      randomValues: { id: randomGlobalId('Finding') },
      code: 'NOT_FOUND',
    },
  ],
  findings: (victim) => [
    {
      values: { filter: { vendorId: victim.vendorId } },
      randomValues: { filter: { vendorId: randomGlobalId('Vendor') } },
      code: null,
    },
    {
      values: { filter: { assessmentId: victim.assessmentId } },
      randomValues: { filter: { assessmentId: randomGlobalId('Assessment') } },
      code: null,
    },
  ],
  raiseFinding: (victim, attacker) => {
    const input = { vendorId: attacker.vendorId, severity: 'LOW', title: 'Aimed' };
    return [
      {
        values: { input: { ...input, vendorId: victim.vendorId } },
        randomValues: { input: { ...input, vendorId: randomGlobalId('Vendor') } },
        code: 'NOT_FOUND',
      },
      // B's own vendor may not name A's assessment or A's member.
      {
        values: { input: { ...input, assessmentId: victim.assessmentId } },
        randomValues: { input: { ...input, assessmentId: randomGlobalId('Assessment') } },
        code: 'NOT_FOUND',
      },
      {
        values: { input: { ...input, ownerId: victim.memberId } },
        randomValues: { input: { ...input, ownerId: randomGlobalId('Member') } },
        code: 'NOT_FOUND',
      },
    ];
  },
  updateFinding: (victim, attacker) => [
    {
      values: { input: { findingId: victim.findingId, title: 'Taken over' } },
      randomValues: { input: { findingId: randomGlobalId('Finding'), title: 'Taken over' } },
      code: 'NOT_FOUND',
    },
    {
      values: { input: { findingId: attacker.findingId, ownerId: victim.memberId } },
      randomValues: { input: { findingId: attacker.findingId, ownerId: randomGlobalId('Member') } },
      code: 'NOT_FOUND',
    },
  ],
  resolveFinding: (victim) => [
    {
      values: { input: { findingId: victim.findingId } },
      randomValues: { input: { findingId: randomGlobalId('Finding') } },
      code: 'NOT_FOUND',
    },
  ],
  acceptFindingRisk: (victim) => [
    {
      values: {
        input: { findingId: victim.findingId, justification: 'x', expiresOn: '2099-12-31' },
      },
      randomValues: {
        input: {
          findingId: randomGlobalId('Finding'),
          justification: 'x',
          expiresOn: '2099-12-31',
        },
      },
      code: 'NOT_FOUND',
    },
  ],
  // A vendor-contact operation: a member is refused before any id is looked at.
  respondToFinding: (victim) => [
    {
      values: { input: { findingId: victim.findingId, plan: 'x' } },
      randomValues: { input: { findingId: randomGlobalId('Finding'), plan: 'x' } },
      code: 'FORBIDDEN',
    },
  ],
  webhookDeliveries: (victim) => [
    {
      values: { filter: { endpointId: victim.webhookEndpointId } },
      randomValues: { filter: { endpointId: randomGlobalId('WebhookEndpoint') } },
      code: null,
    },
  ],
  updateWebhookEndpoint: (victim) => [
    {
      values: { input: { endpointId: victim.webhookEndpointId, enabled: false } },
      randomValues: { input: { endpointId: randomGlobalId('WebhookEndpoint'), enabled: false } },
      code: 'NOT_FOUND',
    },
  ],
  ...Object.fromEntries(
    ['rotateWebhookSecret', 'deleteWebhookEndpoint'].map((name) => [
      name,
      (victim: Victim) => [
        {
          values: { input: { endpointId: victim.webhookEndpointId } },
          randomValues: { input: { endpointId: randomGlobalId('WebhookEndpoint') } },
          code: 'NOT_FOUND',
        },
      ],
    ]),
  ),
  redeliverWebhook: (victim) => [
    {
      values: { input: { deliveryId: victim.webhookDeliveryId } },
      randomValues: { input: { deliveryId: randomGlobalId('WebhookDelivery') } },
      code: 'NOT_FOUND',
    },
  ],
  revokeApiKey: (victim) => [
    {
      values: { input: { id: victim.apiKeyId } },
      randomValues: { input: { id: randomGlobalId('ApiKey') } },
      code: 'NOT_FOUND',
    },
  ],
  changeMemberRole: (victim) => [
    {
      values: { input: { memberId: victim.memberId, role: 'VIEWER' } },
      randomValues: { input: { memberId: randomGlobalId('Member'), role: 'VIEWER' } },
      code: 'NOT_FOUND',
    },
  ],
  removeMember: (victim) => [
    {
      values: { input: { memberId: victim.memberId } },
      randomValues: { input: { memberId: randomGlobalId('Member') } },
      code: 'NOT_FOUND',
    },
  ],
  eraseMemberData: (victim) => [
    {
      values: {
        input: { userId: Buffer.from(`User:${victim.member.userId}`).toString('base64url') },
      },
      randomValues: { input: { userId: randomGlobalId('User') } },
      code: 'NOT_FOUND',
    },
  ],
  // Public: B's own credentials naming A's organization get the answer a random one gets.
  signIn: (victim, attacker) => [
    {
      values: {
        input: {
          email: attacker.email,
          password: attacker.password,
          organizationId: victim.organizationId,
        },
      },
      randomValues: {
        input: {
          email: attacker.email,
          password: attacker.password,
          organizationId: randomGlobalId(),
        },
      },
      code: 'UNAUTHENTICATED',
    },
  ],
};

describe('access matrix, generated from the schema', () => {
  let t: TestApp;
  let victim: Victim;
  let attacker: Attacker;
  let attackerGql: GraphqlClient;
  let readKeyGql: GraphqlClient;
  let vendorGql: GraphqlClient;
  /** Organization B's principals, as REST credentials. */
  let attackerCredentials: Record<string, Credentials>;
  let victimAuth: Credentials;
  const operations = schemaOperations();

  beforeAll(async () => {
    t = await startTestApp({ withWorker: false });
    const member = await createOrganization(t.app, { name: 'Victim' });
    const victimToken = await signInToken(t.gql, member);
    victimAuth = bearer(victimToken);
    const gql = t.gql.withToken(victimToken);
    const viewer = await gql.data<{ viewer: { organization: { id: string } } }>(
      '{ viewer { organization { id } } }',
    );
    const created = await gql.data<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "victim key", scopes: [WRITE] }) { key apiKey { id } } }',
    );
    const members = await gql.data<{ members: { nodes: Array<{ id: string }> } }>(
      '{ members { nodes { id } } }',
    );
    const events = await gql.data<{ auditEvents: { nodes: Array<{ id: string }> } }>(
      '{ auditEvents(first: 1) { nodes { id } } }',
    );
    const victimVendor = await createVendor(gql, { name: 'Victim vendor' });
    const contact = await gql.data<{ addVendorContact: { contact: { id: string } } }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      { input: { vendorId: victimVendor.id, name: 'Victim contact', email: 'dpo@victim.example' } },
    );
    const victimAgreement = await createAgreement(gql, { vendorId: victimVendor.id, type: 'DPA' });
    const file = await uploadFile(t.url, victimAuth, {
      name: 'victim.pdf',
      content: minimalPdf('victim'),
    });
    const victimTemplate = await createTemplate(gql, { name: 'Victim questionnaire' });
    const victimImport = await gql.data<{ importQuestionnaire: { import: { id: string } } }>(
      'mutation($input: ImportQuestionnaireInput!) { importQuestionnaire(input: $input) { import { id } } }',
      { input: { format: 'ASSAY_JSON', content: ASSAY_JSON, templateName: 'Victim import' } },
    );
    const victimLibraryCopy = await createTemplate(gql, {
      name: 'Victim breach check',
      fromLibrary: 'breach-readiness-quick-check',
    });
    // No worker runs here: the delivery stays pending, a public address is never reached.
    const victimEndpoint = await gql.data<{
      createWebhookEndpoint: { endpoint: { id: string } };
    }>(
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
      { input: { url: 'https://1.1.1.1/victim-hook', eventTypes: ['ASSESSMENT_SENT'] } },
    );
    const victimAssessment = await gql.data<{ sendAssessment: { assessment: { id: string } } }>(
      'mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }',
      {
        input: {
          vendorId: victimVendor.id,
          templateVersionId: victimLibraryCopy.version.id,
          contactId: contact.addVendorContact.contact.id,
          dueDate: '2099-12-31',
        },
      },
    );
    const victimFinding = await gql.data<{ raiseFinding: { finding: { id: string } } }>(
      'mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }',
      { input: { vendorId: victimVendor.id, severity: 'HIGH', title: 'Victim finding' } },
    );
    const victimDeliveries = await gql.data<{
      webhookDeliveries: { nodes: Array<{ id: string }> };
    }>('{ webhookDeliveries { nodes { id } } }');
    const victimEmails = await gql.data<{ emailMessages: { nodes: Array<{ id: string }> } }>(
      '{ emailMessages(first: 1) { nodes { id } } }',
    );
    victim = {
      member,
      gql,
      emailMessageId: victimEmails.emailMessages.nodes[0]!.id,
      webhookEndpointId: victimEndpoint.createWebhookEndpoint.endpoint.id,
      webhookDeliveryId: victimDeliveries.webhookDeliveries.nodes[0]!.id,
      findingId: victimFinding.raiseFinding.finding.id,
      publishedVersionId: victimLibraryCopy.version.id,
      assessmentId: victimAssessment.sendAssessment.assessment.id,
      templateId: victimTemplate.template.id,
      versionId: victimTemplate.version.id,
      importId: victimImport.importQuestionnaire.import.id,
      agreementId: victimAgreement.id,
      vendorId: victimVendor.id,
      contactId: contact.addVendorContact.contact.id,
      organizationId: viewer.viewer.organization.id,
      apiKeyId: created.createApiKey.apiKey.id,
      apiKey: created.createApiKey.key,
      auditEventId: events.auditEvents.nodes[0]!.id,
      memberId: members.members.nodes[0]!.id,
      fileId: file.body.id!,
    };

    const attackerMember = await createOrganization(t.app, { name: 'Attacker' });
    const attackerToken = await signInToken(t.gql, attackerMember);
    attackerGql = t.gql.withToken(attackerToken);
    const attackerVendor = await createVendor(attackerGql, { name: 'Attacker vendor' });
    const attackerAgreement = await createAgreement(attackerGql, {
      vendorId: attackerVendor.id,
      type: 'DPA',
    });
    const attackerTemplate = await createTemplate(attackerGql, { name: 'Attacker questionnaire' });
    const attackerLibraryCopy = await createTemplate(attackerGql, {
      name: 'Attacker breach check',
      fromLibrary: 'breach-readiness-quick-check',
    });
    const attackerContact = await attackerGql.data<{
      addVendorContact: { contact: { id: string } };
    }>(
      `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
      {
        input: {
          vendorId: attackerVendor.id,
          name: 'Attacker contact',
          email: 'a@attacker.example',
          primary: true,
        },
      },
    );
    const attackerFinding = await attackerGql.data<{
      raiseFinding: { finding: { id: string } };
    }>('mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { finding { id } } }', {
      input: { vendorId: attackerVendor.id, severity: 'LOW', title: 'Attacker finding' },
    });
    attacker = {
      ...attackerMember,
      findingId: attackerFinding.raiseFinding.finding.id,
      contactId: attackerContact.addVendorContact.contact.id,
      publishedVersionId: attackerLibraryCopy.version.id,
      vendorId: attackerVendor.id,
      agreementId: attackerAgreement.id,
      templateId: attackerTemplate.template.id,
      versionId: attackerTemplate.version.id,
    };
    const readKey = await attackerGql.data<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { name: "read", scopes: [READ] }) { key } }',
    );
    readKeyGql = new GraphqlClient(t.gql.url, { 'x-api-key': readKey.createApiKey.key });
    const vendorToken = await t.app.get(VendorContactTokens).issue(
      {
        organizationId: attacker.organizationId,
        vendorId: randomUUID(),
        contactId: randomUUID(),
        assessmentIds: [randomUUID()],
      },
      3_600,
    );
    vendorGql = t.gql.withToken(vendorToken.token);
    attackerCredentials = {
      member: bearer(attackerToken),
      'read key': apiKey(readKey.createApiKey.key),
      'vendor contact': bearer(vendorToken.token),
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  const victimTrailLength = async () =>
    (
      await victim.gql.data<{ verifyAuditTrail: { checkedEvents: number } }>(
        '{ verifyAuditTrail { checkedEvents } }',
      )
    ).verifyAuditTrail.checkedEvents;

  it('has a cross-tenant fixture for every operation that takes an id', () => {
    const idOperations = operations
      .filter((operation) => idPaths(operation).length > 0)
      .map((operation) => operation.name);
    expect(idOperations.length).toBeGreaterThan(0);
    expect(idOperations.filter((name) => !FIXTURES[name])).toEqual([]);
  });

  it("answers another organization's ids exactly like random ones, and changes nothing", async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((candidate) => idPaths(candidate).length > 0)) {
      for (const attempt of FIXTURES[operation.name]!(victim, attacker)) {
        const before = await victimTrailLength();
        const aimed = callOf(operation, attempt.values);
        const random = callOf(operation, attempt.randomValues);
        const [atVictim, atNothing] = [
          await attackerGql.request(aimed.query, aimed.variables),
          await attackerGql.request(random.query, random.variables),
        ];
        const answer = (response: typeof atVictim) => ({
          code: response.errors?.[0]?.extensions?.code,
          message: response.errors?.[0]?.message,
          data: response.data ? Object.values(response.data)[0] : null,
        });
        if (
          JSON.stringify(answer(atVictim)) !== JSON.stringify(answer(atNothing)) ||
          (answer(atVictim).code ?? null) !== attempt.code
        ) {
          failures.push(
            `${operation.name}: ${JSON.stringify(answer(atVictim))} vs random ${JSON.stringify(answer(atNothing))}`,
          );
        }
        if ((await victimTrailLength()) !== before)
          failures.push(`${operation.name}: changed the victim's data`);
      }
    }
    expect(failures).toEqual([]);
    // The victim's key was not revoked by the attempts.
    const stillWorks = await new GraphqlClient(t.gql.url, { 'x-api-key': victim.apiKey }).request(
      '{ jobPipeline { backend } }',
    );
    expect(stillWorks.errors).toBeUndefined();
  });

  it("answers GET /files/:id with another organization's file exactly like a random id", async () => {
    const failures: string[] = [];
    for (const [who, credentials] of Object.entries(attackerCredentials)) {
      const atVictim = await downloadFile(t.url, credentials, victim.fileId);
      const atNothing = await downloadFile(t.url, credentials, randomGlobalId('File'));
      const answer = (response: typeof atVictim) =>
        `${response.status} ${response.bytes.toString()}`;
      if (answer(atVictim) !== answer(atNothing) || atVictim.status !== 404) {
        failures.push(`${who}: ${answer(atVictim)} vs random ${answer(atNothing)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await downloadFile(t.url, victimAuth, victim.fileId)).status).toBe(200);
  });

  it('refuses every mutation to a read-only API key (FORBIDDEN)', async () => {
    const rules = new Map(operationAccess(t.app).map((row) => [row.operation, row.rule]));
    const failures: string[] = [];
    for (const operation of operations.filter((candidate) => candidate.kind === 'mutation')) {
      if (rules.get(operation.name)?.public) continue; // anyone may call these; they never act as the key
      // requestExport is a read in mutation form: read keys may export what they may read.
      if (rules.get(operation.name)?.apiKey === ApiKeyScope.Read) continue;
      const call = callOf(operation);
      const response = await readKeyGql.request(call.query, call.variables);
      const code = response.errors?.[0]?.extensions?.code;
      if (code !== 'FORBIDDEN' || !empty(response.data))
        failures.push(`${operation.name}: ${String(code)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every internal operation to a vendor contact (FORBIDDEN, no data)', async () => {
    const rules = new Map(operationAccess(t.app).map((row) => [row.operation, row.rule]));
    const internal = (operation: SchemaOperation) =>
      !rules.get(operation.name)?.public && !rules.get(operation.name)?.vendorContact;
    const failures: string[] = [];
    for (const operation of operations.filter(internal)) {
      const call = callOf(operation);
      const response = await vendorGql.request(call.query, call.variables);
      const code = response.errors?.[0]?.extensions?.code;
      if (code !== 'FORBIDDEN' || !empty(response.data))
        failures.push(`${operation.name}: ${String(code)}`);
    }
    expect(operations.filter(internal).length).toBeGreaterThan(5);
    expect(failures).toEqual([]);
  });
});
