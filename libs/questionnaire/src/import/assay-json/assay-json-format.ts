/** The marker and version of Assay's own questionnaire file. */
export const ASSAY_JSON_FORMAT = 'assay.questionnaire';
export const ASSAY_JSON_FORMAT_VERSION = 1;
