// Every entity of the app, in one list shared by the app, the CLI and the migration check.
import { Region } from '../regions/region.entity.js';
import { Department } from '../departments/department.entity.js';
import { User } from '../identity/user.entity.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { Feedback } from '../feedback/feedback.entity.js';
import { AuditChainHead, AuditEvent } from '../audit/audit-event.entity.js';

export const ENTITIES: Function[] = [Region, Department, User, AuditEvent, AuditChainHead, DataElement, Feedback];
