// Written by `npm run migration:generate`: every migration in this folder, oldest first.
import { Initial1795440382892 } from './1795440382892-Initial.js';
import { Identity1795444706415 } from './1795444706415-Identity.js';
import { RowLevelSecurity1795444752140 } from './1795444752140-RowLevelSecurity.js';
import { Sessions1795445296141 } from './1795445296141-Sessions.js';
import { AuditTrail1795446157174 } from './1795446157174-AuditTrail.js';
import { ApiKeys1795446508623 } from './1795446508623-ApiKeys.js';
import { EmailMessages1795447028673 } from './1795447028673-EmailMessages.js';
import { MemberInvitations1795447183395 } from './1795447183395-MemberInvitations.js';
import { SecondFactor1795447690186 } from './1795447690186-SecondFactor.js';
import { RateLimits1795447983422 } from './1795447983422-RateLimits.js';
import { SignUps1795448297236 } from './1795448297236-SignUps.js';
import { Vendors1795451407580 } from './1795451407580-Vendors.js';
import { Files1795451900440 } from './1795451900440-Files.js';
import { Agreements1795452013779 } from './1795452013779-Agreements.js';
import { TenantPolicyEstimates1795452693982 } from './1795452693982-TenantPolicyEstimates.js';
import { Questionnaires1795456469555 } from './1795456469555-Questionnaires.js';
import { Assessments1795458444399 } from './1795458444399-Assessments.js';
import { AssessmentReview1795459838691 } from './1795459838691-AssessmentReview.js';
import { Reassessment1796457312659 } from './1796457312659-Reassessment.js';
import { EmailMessageList1796457363501 } from './1796457363501-EmailMessageList.js';
import { Webhooks1796457613658 } from './1796457613658-Webhooks.js';
import { Reminders1796460480193 } from './1796460480193-Reminders.js';
import { ReassessmentTriggers1796461003900 } from './1796461003900-ReassessmentTriggers.js';
import { ReminderOffsets1796462305960 } from './1796462305960-ReminderOffsets.js';
import { AssessmentSectionScores1796472220374 } from './1796472220374-AssessmentSectionScores.js';
import { BackfillSectionScores1796472220375 } from './1796472220375-BackfillSectionScores.js';
import { PortfolioReporting1796472383626 } from './1796472383626-PortfolioReporting.js';
import { BackfillLastAssessment1796472383627 } from './1796472383627-BackfillLastAssessment.js';
import { ExportLinks1796472790679 } from './1796472790679-ExportLinks.js';
import { VendorSectionScores1796473957785 } from './1796473957785-VendorSectionScores.js';
import { BackfillVendorSectionScores1796473957786 } from './1796473957786-BackfillVendorSectionScores.js';
import { AuditAppendAtCommit1796490000000 } from './1796490000000-AuditAppendAtCommit.js';

export const MIGRATIONS = [
  Initial1795440382892,
  Identity1795444706415,
  RowLevelSecurity1795444752140,
  Sessions1795445296141,
  AuditTrail1795446157174,
  ApiKeys1795446508623,
  EmailMessages1795447028673,
  MemberInvitations1795447183395,
  SecondFactor1795447690186,
  RateLimits1795447983422,
  SignUps1795448297236,
  Vendors1795451407580,
  Files1795451900440,
  Agreements1795452013779,
  TenantPolicyEstimates1795452693982,
  Questionnaires1795456469555,
  Assessments1795458444399,
  AssessmentReview1795459838691,
  Reassessment1796457312659,
  EmailMessageList1796457363501,
  Webhooks1796457613658,
  Reminders1796460480193,
  ReassessmentTriggers1796461003900,
  ReminderOffsets1796462305960,
  AssessmentSectionScores1796472220374,
  BackfillSectionScores1796472220375,
  PortfolioReporting1796472383626,
  BackfillLastAssessment1796472383627,
  ExportLinks1796472790679,
  VendorSectionScores1796473957785,
  BackfillVendorSectionScores1796473957786,
  AuditAppendAtCommit1796490000000,
];
