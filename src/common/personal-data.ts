import { parsePhoneNumberFromString as parseWith } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { Role } from './auth-user.js';

/**
 * Who sees which personal field, in one place (ARCHITECTURE.md, "Personal data: who sees what").
 * Every answer that carries a value of a data element or a form field passes it through
 * `reveal()`; the classes come from the element (or, for an unbound field, from the field itself).
 */
export enum PersonalClass {
  /** 身份证号: stored encrypted, answered masked (`maskIdNumber`). */
  RESIDENT_ID = 'RESIDENT_ID',
  /** Birth date (and age) read from the ID: the eight digits the mask hides. */
  ID_DERIVED = 'ID_DERIVED',
  /** A resident's or a village secretary's phone. */
  PHONE = 'PHONE',
  /** A resident's name and everything else known about a resident. */
  RESIDENT = 'RESIDENT',
  /** The name of a village's staff (村党组织书记姓名): a work contact, not for the city viewer. */
  STAFF_NAME = 'STAFF_NAME',
}

/** How a value is shown: in full, masked (phones) or coarsened (birth date → year), or not at all. */
export enum Exposure {
  FULL = 'FULL',
  MASKED = 'MASKED',
  HIDDEN = 'HIDDEN',
}

/**
 * Where the value is answered: a LIST (autofill rows, submission rows and header, an Excel
 * export) or the DETAIL of one village or resident (subjectProfile; audited when a phone is shown).
 */
export type View = 'LIST' | 'DETAIL';

type Rule = Exposure | Record<View, Exposure>;
const { FULL, MASKED, HIDDEN } = Exposure;
const maskedInLists = { LIST: MASKED, DETAIL: FULL } as const;

/**
 * The table. Scope (which villages a role reaches) is decided elsewhere, in the query; this says
 * what of a reachable subject a role sees. Gender is not ID_DERIVED: the mask keeps the 17th digit.
 */
export const PERSONAL_DATA: Record<Role, Record<PersonalClass, Rule>> = {
  [Role.VILLAGE_CADRE]: { RESIDENT_ID: MASKED, ID_DERIVED: MASKED, PHONE: FULL, RESIDENT: FULL, STAFF_NAME: FULL },
  [Role.TOWN_STAFF]: { RESIDENT_ID: MASKED, ID_DERIVED: MASKED, PHONE: maskedInLists, RESIDENT: FULL, STAFF_NAME: FULL },
  [Role.DEPARTMENT_STAFF]: { RESIDENT_ID: MASKED, ID_DERIVED: MASKED, PHONE: MASKED, RESIDENT: FULL, STAFF_NAME: FULL },
  [Role.OFFICE_REVIEWER]: { RESIDENT_ID: MASKED, ID_DERIVED: MASKED, PHONE: maskedInLists, RESIDENT: FULL, STAFF_NAME: FULL },
  [Role.ADMIN]: { RESIDENT_ID: MASKED, ID_DERIVED: MASKED, PHONE: maskedInLists, RESIDENT: FULL, STAFF_NAME: FULL },
  [Role.VIEWER]: { RESIDENT_ID: HIDDEN, ID_DERIVED: HIDDEN, PHONE: HIDDEN, RESIDENT: HIDDEN, STAFF_NAME: HIDDEN },
  [Role.SECURITY_ADMIN]: { RESIDENT_ID: HIDDEN, ID_DERIVED: HIDDEN, PHONE: HIDDEN, RESIDENT: HIDDEN, STAFF_NAME: HIDDEN },
  [Role.AUDITOR]: { RESIDENT_ID: HIDDEN, ID_DERIVED: HIDDEN, PHONE: HIDDEN, RESIDENT: HIDDEN, STAFF_NAME: HIDDEN },
};

export interface Audience {
  role: Role;
  /** The caller's own unit filled this data (its own submission): phones in full, to edit them. */
  own?: boolean;
  /** The owning department's full export (`?full=1`, audited): everything in full. */
  fullExport?: boolean;
  /** The caller sent this resident's full ID number in the request: what is derived from it tells nothing new. */
  holdsId?: boolean;
}

/** What `who` sees of a value of class `personal` (null: not personal) answered in `view`. */
export function exposureOf(who: Audience, personal: PersonalClass | null, view: View): Exposure {
  if (!personal) return FULL;
  if (who.fullExport) return FULL;
  if (who.holdsId && personal === PersonalClass.ID_DERIVED && ![Role.VIEWER, Role.AUDITOR, Role.SECURITY_ADMIN].includes(who.role))
    return FULL;
  const rule = PERSONAL_DATA[who.role][personal];
  const exposure = typeof rule === 'string' ? rule : rule[view];
  return who.own && personal === PersonalClass.PHONE && exposure !== HIDDEN ? FULL : exposure;
}

/** The value as `who` may see it: in full, masked/coarsened, or undefined when it must not be shown at all. */
export function reveal(who: Audience, personal: PersonalClass | null, view: View, value: string | null): string | null | undefined {
  const exposure = exposureOf(who, personal, view);
  if (exposure === HIDDEN) return undefined;
  if (exposure === FULL || value == null) return value;
  switch (personal) {
    case PersonalClass.PHONE:
      return maskPhone(value);
    case PersonalClass.ID_DERIVED:
      return coarsenBirthDate(value);
    default:
      return value.length > 4 ? '*'.repeat(value.length - 4) + value.slice(-4) : '****';
  }
}

/** The part of a data element the classification needs (DataElement rows fit). */
export interface ElementLike {
  code: string;
  subject: string;
  valueType: string;
  derivedFrom?: string | null;
}

/** The class of a catalogue element's values, or null when they are not personal (village figures). */
export function classOfElement(element: ElementLike): PersonalClass | null {
  if (element.valueType === 'ID_NUMBER') return PersonalClass.RESIDENT_ID;
  if (element.valueType === 'PHONE') return PersonalClass.PHONE;
  if (element.derivedFrom && !/gender$/.test(element.code)) return PersonalClass.ID_DERIVED;
  if (element.subject === 'RESIDENT') return PersonalClass.RESIDENT;
  // A village element that names a person (village.secretary_name): its staff.
  if (/_name$/.test(element.code)) return PersonalClass.STAFF_NAME;
  return null;
}

/** The part of a form field the classification needs (FormField rows fit). */
export interface FieldLike {
  section: string;
  valueType: string;
  label: string;
}

const BIRTH_LABEL = /出生|生日|birth/i;
const PERSON_LABEL = /姓名|联系人/;
const PHONE_LABEL = /电话|手机|phone/i;

/** A form field's class: its bound element's, else read from the field (type, section, label). */
export function classOfField(field: FieldLike, element: ElementLike | null | undefined): PersonalClass | null {
  if (element) return classOfElement(element);
  if (field.valueType === 'ID_NUMBER') return PersonalClass.RESIDENT_ID;
  // A phone typed into a plain text field (联系电话, 手机号) is still a phone.
  if (field.valueType === 'PHONE' || (field.valueType === 'TEXT' && PHONE_LABEL.test(field.label))) return PersonalClass.PHONE;
  // An unbound 出生日期 typed next to the masked ID gives back the same eight digits.
  if (field.section === 'RESIDENT' && BIRTH_LABEL.test(field.label)) return PersonalClass.ID_DERIVED;
  if (field.section === 'RESIDENT') return PersonalClass.RESIDENT;
  if (PERSON_LABEL.test(field.label)) return PersonalClass.STAFF_NAME;
  return null;
}

/** `13712341657` → `137****1657`; a landline `07106123456` → `0710-***3456` (area code kept, last four kept). */
export function maskPhone(phone: string): string {
  const parsed = parseWith(phone, 'CN', metadata);
  if (parsed?.isValid()) {
    const groups = parsed.formatNational().split(' ');
    const digits = groups.join('');
    if (digits.startsWith('0')) {
      const local = digits.slice(groups[0].length);
      return `${groups[0]}-${'*'.repeat(Math.max(0, local.length - 4))}${local.slice(-4)}`;
    }
    return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 7))}${digits.slice(-4)}`;
  }
  const digits = phone.replace(/\D/g, '');
  return digits.length > 4 ? '*'.repeat(digits.length - 4) + digits.slice(-4) : '****';
}

/**
 * `1941-04-28`, `19410428`, `1941/4/28`, `1941年4月28日` or a year and month (`1941-04`, `1941年4月`) → `1941`:
 * the birth year, which leaves the masked ID unguessable (a month would leave about three candidates).
 * Other values (an age) pass.
 */
export function coarsenBirthDate(value: string): string {
  const match = /^(\d{4})(?:\d{4}$|\d{2}$|\s*[-/.年]\s*\d{1,2})/.exec(value.trim());
  return match ? match[1] : value;
}
