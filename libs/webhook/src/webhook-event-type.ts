/**
 * What a webhook endpoint can subscribe to. The values are the `type` of the payload and are
 * published: never rename one, add a new type and retire the old.
 */
export enum WebhookEventType {
  AssessmentSent = 'assessment.sent',
  AssessmentSubmitted = 'assessment.submitted',
  AssessmentCompleted = 'assessment.completed',
  FindingRaised = 'finding.raised',
  FindingResolved = 'finding.resolved',
  AgreementSigned = 'agreement.signed',
  AgreementExpiring = 'agreement.expiring',
  AgreementExpired = 'agreement.expired',
  VendorRatingChanged = 'vendor.rating_changed',
  ReassessmentDue = 'reassessment.due',
}

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);
