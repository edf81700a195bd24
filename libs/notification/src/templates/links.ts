/**
 * Links to the organization's side of Assay under PUBLIC_URL. They name objects by row id; the
 * vendor contact's links carry an invitation token instead (see invitationLink).
 */
export function assessmentLink(publicUrl: string, assessmentId: string): string {
  return `${publicUrl}/assessments/${encodeURIComponent(assessmentId)}`;
}

export function findingLink(publicUrl: string, findingId: string): string {
  return `${publicUrl}/findings/${encodeURIComponent(findingId)}`;
}

export function agreementLink(publicUrl: string, agreementId: string): string {
  return `${publicUrl}/agreements/${encodeURIComponent(agreementId)}`;
}
