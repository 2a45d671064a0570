import type { MigrationInterface } from 'typeorm';
// Migrations in order; the only source of the schema. Add new ones at the end.
import { Foundation1763700000000 } from './1763700000000-foundation.js';
import { Catalog1763700100000 } from './1763700100000-catalog.js';
import { DutiesForms1763700303000 } from './1763700303000-duties-forms.js';
import { Admission1763700303100 } from './1763700303100-admission.js';
import { Records1763700400000 } from './1763700400000-records.js';
import { DispatchFilling1763700500000 } from './1763700500000-dispatch-filling.js';
import { TownContact1763700600000 } from './1763700600000-town-contact.js';
import { Feedback1763700700000 } from './1763700700000-feedback.js';
import { DashboardIndexes1763700900000 } from './1763700900000-dashboard-indexes.js';
import { DashboardRollups1763701000000 } from './1763701000000-dashboard-rollups.js';
import { ReadModels1763701100000 } from './1763701100000-read-models.js';
import { DataElementAliases1765000200000 } from './1765000200000-data-element-aliases.js';
import { ResidentVillageAsOf1765000300000 } from './1765000300000-resident-village-as-of.js';
import { ImportBatchErrors1765000800000 } from './1765000800000-import-batch-errors.js';
import { ResidentResidence1765000900000 } from './1765000900000-resident-residence.js';
import { ResidentListRows1765001000000 } from './1765001000000-resident-list-rows.js';
import { ImportAttempt1765001100000 } from './1765001100000-import-attempt.js';
import { Messages1765002000000 } from './1765002000000-messages.js';
import { Urge1765002100000 } from './1765002100000-urge.js';
import { SecondFactor1765002900000 } from './1765002900000-second-factor.js';
import { DutyItemDepartment1765002200000 } from './1765002200000-duty-item-department.js';
import { PasswordPolicy1765002300000 } from './1765002300000-password-policy.js';
import { CryptoKeys1765002400000 } from './1765002400000-crypto-keys.js';
import { Sessions1765003000000 } from './1765003000000-sessions.js';
import { AuditArchive1765003300000 } from './1765003300000-audit-archive.js';
import { CacheVersion1765003500000 } from './1765003500000-cache-version.js';
import { ImportProgress1765003600000 } from './1765003600000-import-progress.js';
import { LoginFailure1765003100000 } from './1765003100000-login-failure.js';
import { PublicLists1765004100000 } from './1765004100000-public-lists.js';
import { FeedbackListItem1765004100100 } from './1765004100100-feedback-list-item.js';
import { Consultation1765004200000 } from './1765004200000-consultation.js';
import { WorkOrders1765004000000 } from './1765004000000-work-orders.js';
import { OrderBurden1765004500000 } from './1765004500000-order-burden.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Foundation1763700000000,
  Catalog1763700100000,
  DutiesForms1763700303000,
  Admission1763700303100,
  Records1763700400000,
  DispatchFilling1763700500000,
  TownContact1763700600000,
  Feedback1763700700000,
  DashboardIndexes1763700900000,
  DashboardRollups1763701000000,
  ReadModels1763701100000,
  DataElementAliases1765000200000,
  ResidentVillageAsOf1765000300000,
  ImportBatchErrors1765000800000,
  ResidentResidence1765000900000,
  ResidentListRows1765001000000,
  ImportAttempt1765001100000,
  Messages1765002000000,
  Urge1765002100000,
  DutyItemDepartment1765002200000,
  PasswordPolicy1765002300000,
  CryptoKeys1765002400000,
  SecondFactor1765002900000,
  Sessions1765003000000,
  LoginFailure1765003100000,
  AuditArchive1765003300000,
  CacheVersion1765003500000,
  ImportProgress1765003600000,
  PublicLists1765004100000,
  FeedbackListItem1765004100100,
  Consultation1765004200000,
  WorkOrders1765004000000,
  OrderBurden1765004500000,
];
