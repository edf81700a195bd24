import { randomBytes } from 'node:crypto';
import type { AppConfig } from '#core';
import type { GraphqlClient } from '../utils/graphql-client.js';
import { eventually } from '../utils/eventually.js';
import { readMailbox } from '../utils/mailbox.js';
import { PUBLISH, UPDATE_DRAFT, createTemplate } from './questionnaire.factory.js';

/** Creates a template with `definition` and publishes its first version; returns the version id. */
export async function publishQuestionnaire(
  admin: GraphqlClient,
  definition: Record<string, unknown>,
  name = `Questionnaire ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const { version } = await createTemplate(admin, { name });
  const updated = await admin.data<{ updateDraftDefinition: { version: { revision: number } } }>(
    UPDATE_DRAFT,
    { input: { versionId: version.id, definition, expectedRevision: version.revision } },
  );
  await admin.data(PUBLISH, {
    input: {
      versionId: version.id,
      expectedRevision: updated.updateDraftDefinition.version.revision,
    },
  });
  return version.id;
}

/** Adds a contact with a unique address to a vendor; returns its id and address. */
export async function addContact(
  gql: GraphqlClient,
  vendorId: string,
  language = 'EN',
): Promise<{ id: string; email: string }> {
  const email = `contact.${randomBytes(4).toString('hex')}@vendor.example`;
  const data = await gql.data<{ addVendorContact: { contact: { id: string } } }>(
    `mutation($input: AddVendorContactInput!) { addVendorContact(input: $input) { contact { id } } }`,
    { input: { vendorId, name: 'Vendor DPO', email, language } },
  );
  return { id: data.addVendorContact.contact.id, email };
}

/** The invitation token of the first invitation email sent to `email`. */
export async function invitationToken(config: AppConfig, email: string): Promise<string> {
  return eventually(
    async () =>
      (await readMailbox(config))
        .filter((received) => received.to === email)
        .map((received) => /invitation=([A-Za-z0-9_-]{43})/.exec(received.text)?.[1])
        .find((token): token is string => Boolean(token)),
    { what: `an invitation email to ${email}` },
  );
}

export interface SentAssessment {
  /** The assessment's global id. */
  readonly id: string;
  /** A client holding the invited vendor contact's session. */
  readonly vendor: GraphqlClient;
}

/**
 * Sends `versionId` to a new contact of `vendorId`, reads the invitation email and exchanges its
 * token: the assessment and the vendor contact's session.
 */
export async function sendToVendor(
  sender: GraphqlClient,
  anonymous: GraphqlClient,
  config: AppConfig,
  input: { vendorId: string; versionId: string; dueDate?: string },
): Promise<SentAssessment> {
  const contact = await addContact(sender, input.vendorId);
  const sent = await sender.data<{ sendAssessment: { assessment: { id: string } } }>(
    `mutation($input: SendAssessmentInput!) { sendAssessment(input: $input) { assessment { id } } }`,
    {
      input: {
        vendorId: input.vendorId,
        templateVersionId: input.versionId,
        contactId: contact.id,
        dueDate: input.dueDate ?? '2099-12-31',
      },
    },
  );
  const token = await invitationToken(config, contact.email);
  const exchanged = await anonymous.data<{ exchangeInvitation: { accessToken: string } }>(
    `mutation($token: String!) { exchangeInvitation(input: { token: $token }) { accessToken } }`,
    { token },
  );
  return {
    id: sent.sendAssessment.assessment.id,
    vendor: anonymous.withToken(exchanged.exchangeInvitation.accessToken),
  };
}

export const SAVE_ANSWERS = `mutation($input: SaveAnswersInput!) { saveAnswers(input: $input) {
  answers { questionKey value notApplicable revision } assessment { status } } }`;
export const SUBMIT_ASSESSMENT = `mutation($id: ID!) { submitAssessment(input: { assessmentId: $id }) {
  submitted missing { questionKey reason } assessment { status } } }`;

/** Saves answers (all new: expected revision 0) as the vendor and submits; fails if anything is missing. */
export async function answerAndSubmit(
  vendor: GraphqlClient,
  assessmentId: string,
  answers: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  await vendor.data(SAVE_ANSWERS, {
    input: {
      assessmentId,
      answers: answers.map((answer) => ({ expectedRevision: 0, ...answer })),
    },
  });
  const submitted = await vendor.data<{
    submitAssessment: { submitted: boolean; missing: unknown[] };
  }>(SUBMIT_ASSESSMENT, { id: assessmentId });
  if (!submitted.submitAssessment.submitted) {
    throw new Error(`Not submitted: ${JSON.stringify(submitted.submitAssessment.missing)}`);
  }
}
