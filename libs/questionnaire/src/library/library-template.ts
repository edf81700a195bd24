import type { LocalizedText, TemplateDefinitionInput } from '../definition/definition.schema.js';

/**
 * A questionnaire shipped with Assay. Every organization sees the library and
 * copies a template from it; a new library `version` is a new published
 * version, and copies already made keep the one they copied.
 */
export interface LibraryTemplate {
  /** Stable identifier, e.g. `vendor-privacy-baseline`. */
  readonly key: string;
  /** Increases whenever the definition changes. */
  readonly version: number;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** Inherent-risk tiers the template is meant for, most critical first. */
  readonly intendedTiers: readonly ('TIER_1' | 'TIER_2' | 'TIER_3' | 'TIER_4')[];
  readonly definition: TemplateDefinitionInput;
}
