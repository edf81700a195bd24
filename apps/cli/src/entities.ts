import { AGREEMENT_ENTITIES } from '#agreement';
import { ASSESSMENT_ENTITIES } from '#assessment';
import { CORE_ENTITIES } from '#core';
import { AUDIT_ENTITIES } from '#audit';
import { IDENTITY_ENTITIES } from '#identity';
import { NOTIFICATION_ENTITIES } from '#notification';
import { QUESTIONNAIRE_ENTITIES } from '#questionnaire';
import { EXPORT_ENTITIES, REPORTING_ENTITIES } from '#reporting';
import { SCHEDULING_ENTITIES } from '#scheduling';
import { VENDOR_ENTITIES } from '#vendor';
import { WEBHOOK_ENTITIES } from '#webhook';

/** Every entity of every library: what `migration:generate` compares the database with. */
export const ALL_ENTITIES = [
  ...CORE_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...AUDIT_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...VENDOR_ENTITIES,
  ...AGREEMENT_ENTITIES,
  ...QUESTIONNAIRE_ENTITIES,
  ...ASSESSMENT_ENTITIES,
  ...WEBHOOK_ENTITIES,
  ...SCHEDULING_ENTITIES,
  ...REPORTING_ENTITIES,
  ...EXPORT_ENTITIES,
];
