import { Injectable } from '@nestjs/common';
import { AppConfig, TransactionalConnection, type RequestContext } from '#core';
import { MemberService, Organization } from '#identity';
import { EmailService, type AssessmentDecisionCode, type Locale } from '#notification';
import {
  QuestionnaireService,
  questionsOf,
  type LocalizedText,
  type TemplateVersion,
} from '#questionnaire';
import type { Vendor } from '#vendor';
import type { Assessment } from './assessment.entity.js';
import { AssessmentService } from './assessment.service.js';
import type { Finding } from './finding.entity.js';

/** Members have no language of their own: what Assay tells them is in English. */
const MEMBER_LOCALE: Locale = 'en';

/** The text in the first of `languages` it has. */
function textIn(text: LocalizedText | undefined, languages: readonly string[]): string | null {
  for (const language of languages) {
    const chosen = text?.[language]?.trim();
    if (chosen) return chosen;
  }
  return null;
}

/**
 * The emails of an assessment's life after it is sent: to members when the vendor submits, when
 * a reviewer decides and when a finding is raised, and to the vendor contact when a reviewer
 * asks for changes. Each is queued in the transaction of the change, so a change that rolls
 * back sends nothing. A recipient who cannot be reached (no risk owner, an assessment sent by a
 * system actor or an API key, a removed member or contact) is skipped; it never fails the change.
 */
@Injectable()
export class LifecycleEmailService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly emails: EmailService,
    private readonly members: MemberService,
    private readonly questionnaires: QuestionnaireService,
    private readonly assessments: AssessmentService,
    private readonly config: AppConfig,
  ) {}

  /** To the member who sent the assessment and the vendor's risk owner. */
  async assessmentSubmitted(
    tx: RequestContext,
    assessment: Assessment,
    vendor: Vendor,
  ): Promise<void> {
    const recipients = await this.members.emailsOf(tx, [
      { userId: assessment.sentBy },
      { membershipId: vendor.riskOwnerId },
    ]);
    if (recipients.length === 0) return;
    const names = await this.names(tx, assessment);
    for (const to of recipients) {
      await this.emails.send(tx, {
        to,
        template: 'assessment-submitted',
        locale: MEMBER_LOCALE,
        organizationId: assessment.organizationId,
        params: {
          ...names,
          vendorName: vendor.name,
          submittedAt: (assessment.submittedAt ?? new Date()).toISOString(),
          publicUrl: this.config.publicUrl,
          assessmentId: assessment.id,
        },
      });
    }
  }

  /**
   * To the vendor contact, in their language: the reopened questions, the reviewer's note and a
   * link that opens the assessment again.
   */
  async changesRequested(
    tx: RequestContext,
    assessment: Assessment,
    vendor: Vendor,
    comment: string | null,
  ): Promise<void> {
    const contact = await this.assessments.contactOf(tx, assessment);
    if (!contact) return;
    // Only a hash of the invitation token is stored, so the link the contact already has cannot
    // be put in this email: a working link needs a new token. It is issued the way
    // resendInvitation issues one, so the previous link stops working and the contact always
    // holds one working link, the newest they received.
    const token = await this.assessments.reissueInvitation(tx, assessment, 'changes_requested');
    const locale: Locale = contact.language === 'zh-CN' ? 'zh-CN' : 'en';
    const version = await this.questionnaires.findVersion(tx, assessment.templateVersionId);
    const languages = [locale, assessment.language, version.definition.languages[0]!];
    const reopened = new Set(assessment.reopenedQuestionKeys);
    const questions = questionsOf(version.definition)
      .filter((question) => reopened.has(question.key))
      .map((question) => textIn(question.text, languages) ?? question.key);
    await this.emails.send(tx, {
      to: contact.email,
      template: 'assessment-changes-requested',
      locale,
      organizationId: assessment.organizationId,
      params: {
        ...(await this.names(tx, assessment, version)),
        vendorName: vendor.name,
        questions,
        comment,
        publicUrl: this.config.publicUrl,
      },
      secretParams: { token },
    });
  }

  /** To the member who sent the assessment and the vendor's business and risk owners. */
  async assessmentDecided(
    tx: RequestContext,
    assessment: Assessment,
    vendor: Vendor,
  ): Promise<void> {
    const recipients = await this.members.emailsOf(tx, [
      { userId: assessment.sentBy },
      { membershipId: vendor.businessOwnerId },
      { membershipId: vendor.riskOwnerId },
    ]);
    if (recipients.length === 0 || !assessment.decision) return;
    const names = await this.names(tx, assessment);
    for (const to of recipients) {
      await this.emails.send(tx, {
        to,
        template: 'assessment-decision',
        locale: MEMBER_LOCALE,
        organizationId: assessment.organizationId,
        params: {
          ...names,
          vendorName: vendor.name,
          decision: assessment.decision as AssessmentDecisionCode,
          residualRating: assessment.residualRating,
          note: assessment.decisionNote,
          publicUrl: this.config.publicUrl,
          assessmentId: assessment.id,
        },
      });
    }
  }

  /** One email per finding, to its owner, or to the vendor's risk owner when it has none. */
  async findingsRaised(
    tx: RequestContext,
    findings: readonly Finding[],
    vendor: Vendor,
  ): Promise<void> {
    let organizationName: string | null = null;
    for (const finding of findings) {
      const [to] = await this.members.emailsOf(tx, [
        { membershipId: finding.ownerId ?? vendor.riskOwnerId },
      ]);
      if (!to) continue;
      organizationName ??= await this.organizationName(tx, finding.organizationId);
      await this.emails.send(tx, {
        to,
        template: 'finding-raised',
        locale: MEMBER_LOCALE,
        organizationId: finding.organizationId,
        params: {
          organizationName,
          vendorName: vendor.name,
          title: finding.title,
          severity: finding.severity,
          dueDate: finding.dueDate,
          publicUrl: this.config.publicUrl,
          findingId: finding.id,
        },
      });
    }
  }

  /** The organization's and the questionnaire's names, as every assessment email shows them. */
  private async names(
    tx: RequestContext,
    assessment: Assessment,
    version?: TemplateVersion,
  ): Promise<{ organizationName: string; questionnaireName: string }> {
    version ??= await this.questionnaires.findVersion(tx, assessment.templateVersionId);
    const template = await this.questionnaires.findTemplate(tx, version.templateId);
    return {
      organizationName: await this.organizationName(tx, assessment.organizationId),
      questionnaireName: template.name,
    };
  }

  private async organizationName(tx: RequestContext, organizationId: string): Promise<string> {
    const organization = await (
      await this.connection.repository(tx, Organization)
    ).findOneByOrFail({ id: organizationId });
    return organization.name;
  }
}
