// Every entity of the app, each imported from the module that owns it: one list for the app, the CLI and the migration check.
import { Region } from '../regions/region.entity.js';
import { Department } from '../departments/department.entity.js';
import { User } from '../identity/user.entity.js';
import { PasswordHistory } from '../identity/password-history.entity.js';
import { UserSecondFactor } from '../identity/second-factor.entity.js';
import { UserSession } from '../identity/session.entity.js';
import { LoginFailure } from '../identity/login-failure.entity.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { AuditArchive } from '../audit/audit-archive.entity.js';
import { AuditChainHead, AuditEvent } from '../audit/audit-event.entity.js';
import { CryptoKey, KeyRotation } from '../crypto/crypto-key.entity.js';
import { DutyItem } from '../duties/duty-item.entity.js';
import { PublicListItem } from '../public-lists/public-list-item.entity.js';
import { Form } from '../forms/form.entity.js';
import { Consultation } from '../consultation/consultation.entity.js';
import { ConsultationRecipient } from '../consultation/consultation-recipient.entity.js';
import { FormVersion } from '../forms/form-version.entity.js';
import { FormField } from '../forms/form-field.entity.js';
import { Resident } from '../records/resident.entity.js';
import { CurrentFact, Fact } from '../records/fact.entity.js';
import { ImportAttempt } from '../records/import-attempt.entity.js';
import { ImportProgressRow } from '../records/import-progress.entity.js';
import { ImportBatch } from '../records/import-batch.entity.js';
import { ImportBatchError } from '../records/import-batch-error.entity.js';
import { ResidentResidence } from '../records/resident-residence.entity.js';
import { TownContact } from '../disclosure/town-contact.entity.js';
import { AdmissionRequest } from '../admission/admission-request.entity.js';
import { AdmissionDecision } from '../admission/admission-decision.entity.js';
import { Feedback } from '../feedback/feedback.entity.js';
import { Task } from '../dispatch/task.entity.js';
import { Assignment } from '../dispatch/assignment.entity.js';
import { Urge } from '../dispatch/urge.entity.js';
import { WorkOrder } from '../orders/work-order.entity.js';
import { WorkOrderTown, WorkOrderVillage } from '../orders/work-order-unit.entity.js';
import { WorkOrderStep } from '../orders/work-order-step.entity.js';
import { Submission, SubmissionRow, SubmissionSave } from '../filling/submission.entity.js';
import { JobLease, Message, MessageRead } from '../messages/message.entity.js';
import { CacheVersion } from '../common/cache-version.entity.js';
import { FillMonthRollup, OrderVillageMonthRollup, TaskTownRollup, VillageYearRollup } from '../rollups/rollup.entities.js';

export const ENTITIES: (new () => object)[] = [
  CacheVersion,
  CryptoKey,
  KeyRotation,
  Region,
  Department,
  User,
  PasswordHistory,
  UserSecondFactor,
  UserSession,
  LoginFailure,
  AuditEvent,
  AuditChainHead,
  AuditArchive,
  DataElement,
  DutyItem,
  PublicListItem,
  Form,
  FormVersion,
  FormField,
  Resident,
  Fact,
  CurrentFact,
  ImportAttempt,
  ImportProgressRow,
  ImportBatch,
  ImportBatchError,
  ResidentResidence,
  TownContact,
  Consultation,
  ConsultationRecipient,
  AdmissionRequest,
  AdmissionDecision,
  Feedback,
  Task,
  Assignment,
  WorkOrder,
  WorkOrderTown,
  WorkOrderVillage,
  WorkOrderStep,
  Submission,
  SubmissionRow,
  SubmissionSave,
  TaskTownRollup,
  FillMonthRollup,
  VillageYearRollup,
  OrderVillageMonthRollup,
  Message,
  MessageRead,
  JobLease,
  Urge,
];
