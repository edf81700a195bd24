/** Kinds of personal information a vendor receives or can reach. */
export enum PersonalDataCategory {
  Contact = 'CONTACT',
  Identifiers = 'IDENTIFIERS',
  Financial = 'FINANCIAL',
  Health = 'HEALTH',
  Biometric = 'BIOMETRIC',
  PreciseLocation = 'PRECISE_LOCATION',
  Children = 'CHILDREN',
  GovernmentId = 'GOVERNMENT_ID',
  Credentials = 'CREDENTIALS',
  Employee = 'EMPLOYEE',
  Other = 'OTHER',
}

/**
 * Categories that are sensitive personal information in PIPL's sense (Art. 28: biometrics,
 * specific identities, medical health, financial accounts, whereabouts, minors' data; national
 * standard GB/T 35273 adds identity documents and authentication credentials).
 */
export const PIPL_SENSITIVE_CATEGORIES: ReadonlySet<PersonalDataCategory> = new Set([
  PersonalDataCategory.Financial,
  PersonalDataCategory.Health,
  PersonalDataCategory.Biometric,
  PersonalDataCategory.PreciseLocation,
  PersonalDataCategory.Children,
  PersonalDataCategory.GovernmentId,
  PersonalDataCategory.Credentials,
]);

/** How many individuals' data the vendor holds; the bands follow PIPL's cross-border thresholds. */
export enum VolumeBand {
  None = 'NONE',
  Under10k = 'UNDER_10K',
  From10kTo100k = 'FROM_10K_TO_100K',
  From100kTo1m = 'FROM_100K_TO_1M',
  Over1m = 'OVER_1M',
}

/** The vendor's access to the organization's systems. */
export enum AccessLevel {
  None = 'NONE',
  Read = 'READ',
  Write = 'WRITE',
  Admin = 'ADMIN',
}

export enum ProcessingRole {
  Processor = 'PROCESSOR',
  SubProcessor = 'SUB_PROCESSOR',
  JointController = 'JOINT_CONTROLLER',
  IndependentController = 'INDEPENDENT_CONTROLLER',
}

/** Where the people whose data the vendor handles live: what decides which laws apply. */
export enum DataSubjectRegion {
  China = 'CHINA',
  EuEea = 'EU_EEA',
  UnitedKingdom = 'UK',
  California = 'CALIFORNIA',
  OtherUs = 'OTHER_US',
  Other = 'OTHER',
}

/** The privacy laws Assay tracks agreements for. */
export enum Regime {
  Pipl = 'PIPL',
  Gdpr = 'GDPR',
  Ccpa = 'CCPA',
}

/** What the organization knows about the personal information a vendor handles. */
export interface DataProfile {
  readonly categories: readonly PersonalDataCategory[];
  /** Sensitive information outside the listed categories (religion, sexual life, …). */
  readonly otherSensitiveData: boolean;
  readonly volume: VolumeBand;
  readonly accessLevel: AccessLevel;
  readonly processingRole: ProcessingRole;
  /** ISO 3166-1 alpha-2 codes of the countries the data is stored in or accessed from. */
  readonly dataCountries: readonly string[];
  readonly dataSubjectRegions: readonly DataSubjectRegion[];
}

/** A vendor about which nothing is known yet handles no personal information. */
export const EMPTY_DATA_PROFILE: DataProfile = {
  categories: [],
  otherSensitiveData: false,
  volume: VolumeBand.None,
  accessLevel: AccessLevel.None,
  processingRole: ProcessingRole.Processor,
  dataCountries: [],
  dataSubjectRegions: [],
};

/** Whether the profile includes sensitive personal information in PIPL's sense. */
export function includesSensitiveData(profile: DataProfile): boolean {
  return (
    profile.otherSensitiveData ||
    profile.categories.some((category) => PIPL_SENSITIVE_CATEGORIES.has(category))
  );
}

/** Whether the vendor handles any personal information at all. */
export function handlesPersonalData(profile: DataProfile): boolean {
  return profile.categories.length > 0 || profile.otherSensitiveData;
}
