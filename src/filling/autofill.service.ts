import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { valueText } from '../catalog/value-text.js';
import { Role } from '../common/auth-user.js';
import { badField, badInput, domainError, ErrorCode, forbidden, notFound } from '../common/errors.js';
import { IdNumberErrorCode } from '../common/id-number.errors.js';
import { FillingErrorCode } from './filling.errors.js';
import type { RequestContext } from '../common/request-context.js';
import { assertVillageInScope, canSeeVillage } from '../regions/scope.js';
import { FormsService } from '../forms/forms.service.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import type { AutofillResult, FilledValue, ResidenceEntry, ResidentRow, SubjectProfile, VillageInfo } from './autofill.types.js';
import type { Resident } from '../records/resident.entity.js';
import { FactsService, type CurrentValue } from '../records/facts.service.js';
import { checkIdNumber } from '../common/id-number.js';
import { classOfElement, PersonalClass, reveal, type Audience, type View } from '../common/personal-data.js';
import { PiiService } from '../records/pii.service.js';
import { ResidentsService } from '../records/residents.service.js';

export const MAX_AUTOFILL_IDS = 500;

export interface AutofillField {
  key: string;
  elementId: number;
  section: 'VILLAGE' | 'RESIDENT';
}
export interface VillageRef {
  id?: number | null;
  name?: string | null;
  town?: string | null;
}

/** Autofill and look-up: reads only current_fact (cost independent of history depth). */
@Injectable()
export class AutofillService {
  constructor(
    private readonly regions: RegionsService,
    private readonly catalog: CatalogService,
    private readonly facts: FactsService,
    private readonly residents: ResidentsService,
    private readonly pii: PiiService,
    private readonly audit: AuditService,
    private readonly forms: FormsService,
  ) {}

  /** A village by id, or by exact name (+ town): AMBIGUOUS_VILLAGE / NOT_FOUND with candidates. In the caller's scope. */
  async resolveVillage(ctx: RequestContext, ref: VillageRef): Promise<{ village: Region; info: VillageInfo }> {
    let village: Region | null;
    if (ref.id != null) {
      village = await this.regions.load(ctx, ref.id);
      if (!village || village.level !== RegionLevel.VILLAGE) throw notFound('村(社区)');
    } else {
      const name = (ref.name ?? '').replace(/\s+/g, '');
      if (!name) throw badField('village', '请填写村(社区)的 id 或名称');
      const town = (ref.town ?? '').replace(/\s+/g, '');
      // “环城街道土铺村”, “环城土铺村”, a town by its short name: the import's rules (regions/place-names.ts).
      const places = await this.regions.placeIndex();
      const named = places.resolve(ref.name ?? '', town);
      const found = (await Promise.all(named.villages.map((item) => this.regions.load(ctx, item.id)))).filter(
        (region): region is Region => !!region,
      );
      if (found.length > 1) {
        const candidates = await Promise.all(found.map((region) => this.info(ctx, region)));
        throw domainError(
          FillingErrorCode.AMBIGUOUS_VILLAGE,
          `“${name}”有 ${found.length} 个重名村(社区)：${candidates.map((candidate) => candidate.town).join('、')}，请选择所属镇(街道)`,
          { candidates },
        );
      }
      if (!found.length) {
        const close = await this.regions.searchVillages(name.replace(/(村|社区)$/, '') || name, 5).catch(() => []);
        const candidates = await Promise.all(close.map((region) => this.info(ctx, region)));
        throw domainError(
          ErrorCode.NOT_FOUND,
          `未找到${town ? `${town}的` : ''}村(社区)“${name}”${candidates.length ? `，您是不是要找：${candidates.map((candidate) => `${candidate.name}（${candidate.town}）`).join('、')}` : ''}`,
          { candidates },
        );
      }
      village = found[0];
    }
    assertVillageInScope(ctx.me, village, '村(社区)');
    return { village, info: await this.info(ctx, village) };
  }

  private async info(ctx: RequestContext, region: Region): Promise<VillageInfo> {
    const town = region.parentId ? await this.regions.load(ctx, region.parentId) : null;
    return { id: region.id, code: region.code, name: region.name, town: town?.name ?? null };
  }

  /**
   * Fills bound fields for one village and its residents. `periodStart` (YYYY-MM-DD) marks
   * older values stale. Queries: village, elements, village values, residents, their values.
   */
  async autofillFor(
    ctx: RequestContext,
    fields: AutofillField[],
    villageRef: VillageRef,
    idNumbers: string[],
    period?: { start?: string | null },
  ): Promise<AutofillResult> {
    if (idNumbers.length > MAX_AUTOFILL_IDS) throw badField('idNumbers', `一次最多 ${MAX_AUTOFILL_IDS} 个身份证号`);
    const elements = new Map<number, DataElement>();
    for (const row of await Promise.all([...new Set(fields.map((field) => field.elementId))].map((id) => this.catalog.load(ctx, id))))
      if (row) elements.set(row.id, row);
    return this.fill(ctx, fields, elements, villageRef, idNumbers, period?.start ?? null);
  }

  private async fill(
    ctx: RequestContext,
    fields: AutofillField[],
    elements: Map<number, DataElement>,
    villageRef: VillageRef,
    idNumbers: string[],
    start: string | null,
  ): Promise<AutofillResult> {
    if (idNumbers.length > MAX_AUTOFILL_IDS) throw badField('idNumbers', `一次最多 ${MAX_AUTOFILL_IDS} 个身份证号`);
    const { village, info } = await this.resolveVillage(ctx, villageRef);
    const villageFields = fields.filter(
      (field) => field.section === 'VILLAGE' && elements.get(field.elementId)?.subject === Subject.VILLAGE,
    );
    const residentFields = fields.filter(
      (field) => field.section === 'RESIDENT' && elements.get(field.elementId)?.subject === Subject.RESIDENT,
    );

    const villageValues = villageFields.length
      ? await this.facts.current('VILLAGE', [village.id], [...new Set(villageFields.map((villageField) => villageField.elementId))])
      : [];
    const vByElement = new Map(villageValues.map((villageValue) => [villageValue.elementId, villageValue]));
    const who: Audience = { role: ctx.me.role };
    const values = villageFields.map((villageField) =>
      inList(
        who,
        elements.get(villageField.elementId)!,
        filled(villageField.key, elements.get(villageField.elementId)!, vByElement.get(villageField.elementId) ?? null, start),
      ),
    );

    const checks = idNumbers.map((raw) => checkIdNumber(raw ?? ''));
    const byNumber = await this.residents.identities(checks.filter((check) => check.valid).map((check) => check.normalized));
    const visible = [...byNumber.values()].filter((person) => person.villageId === village.id);
    const stored = residentFields.filter((residentField) => !isDerived(elements.get(residentField.elementId)!));
    const rValues =
      stored.length && visible.length
        ? await this.facts.current(
            'RESIDENT',
            visible.map((item) => item.id),
            [...new Set(stored.map((autofillField) => autofillField.elementId))],
          )
        : [];
    const rByKey = new Map(rValues.map((rValue) => [`${rValue.subjectId}|${rValue.elementId}`, rValue]));

    const residents: ResidentRow[] = checks.map((check, index) => {
      if (!check.valid)
        return {
          index,
          valid: false,
          reason: check.reason,
          idMasked: check.normalized.length >= 8 ? this.pii.mask(check.normalized) : null,
          known: false,
          values: [],
        };
      const value = byNumber.get(check.normalized) ?? null;
      const inScope = !!value && value.villageId === village.id;
      const rowValues = residentFields.map((residentField) => {
        const dataElement = elements.get(residentField.elementId)!;
        // Derived from the number the caller just sent: nothing it does not already hold.
        if (isDerived(dataElement)) return derivedValue(residentField.key, dataElement, check);
        const current = inScope ? (rByKey.get(`${value!.id}|${dataElement.id}`) ?? null) : null;
        return inList(who, dataElement, filled(residentField.key, dataElement, current, start));
      });
      // Registered in another village answers exactly like an unknown number: no reason, not known.
      return { index, valid: true, reason: null, idMasked: this.pii.mask(check.normalized), known: inScope, values: rowValues };
    });
    if (idNumbers.length) {
      // people: the residents whose data was read (numbers known in the caller's village).
      const known = residents.filter((row) => row.known).length;
      await this.audit.recordRead(ctx, {
        action: 'resident.autofill',
        objectType: 'region',
        objectId: village.id,
        detail: { idNumbers: idNumbers.length, known, people: known },
      });
    }
    return { village: info, values, residents };
  }

  /** Autofill for a form version the caller may see: its element-bound fields, VILLAGE header and RESIDENT rows. */
  async autofillForm(
    ctx: RequestContext,
    formVersionId: number,
    village: VillageRef,
    idNumbers: string[],
    periodStart?: string | null,
  ): Promise<AutofillResult> {
    const version = await this.forms.getVersion(ctx, formVersionId);
    const fields = (await this.forms.fieldsOf(ctx, version.id))
      .filter((formField) => formField.elementId != null)
      .map((formField) => ({
        key: formField.fieldKey,
        elementId: formField.elementId!,
        section: formField.section === 'RESIDENT' ? ('RESIDENT' as const) : ('VILLAGE' as const),
      }));
    return this.autofillFor(ctx, fields, village, idNumbers, { start: periodStart });
  }

  /** autofill by element codes (the form-less variant, and what forms bind to). */
  async autofillElements(
    ctx: RequestContext,
    codes: string[],
    village: VillageRef,
    idNumbers: string[],
    periodStart?: string | null,
  ): Promise<AutofillResult> {
    const byCode = await this.catalog.byCodes([...new Set(codes)]);
    const unknown = codes.filter((code) => !byCode.has(code));
    if (unknown.length)
      throw badInput(
        `数据元不存在：${unknown.join('、')}`,
        unknown.map((text) => ({ field: 'elementCodes', message: `数据元 ${text} 不存在` })),
      );
    const fields = codes.map((code) => {
      const dataElement = byCode.get(code)!;
      return {
        key: code,
        elementId: dataElement.id,
        section: dataElement.subject === Subject.VILLAGE ? ('VILLAGE' as const) : ('RESIDENT' as const),
      };
    });
    return this.fill(
      ctx,
      fields,
      new Map([...byCode.values()].map((dataElement) => [dataElement.id, dataElement])),
      village,
      idNumbers,
      periodStart ?? null,
    );
  }

  /** Everything currently known about a village or a resident; a resident look-up is audited. */
  async subjectProfile(ctx: RequestContext, village: VillageRef | null, idNumber: string | null): Promise<SubjectProfile> {
    if (village && village.id == null && !village.name) village = null;
    if ((village ? 1 : 0) + (idNumber ? 1 : 0) !== 1)
      throw badInput('请只给出村(社区)或身份证号之一', [{ field: 'village', message: '村(社区)与身份证号只能二选一' }]);
    const elements = new Map((await this.catalog.list()).map((dataElement) => [dataElement.id, dataElement]));
    // One subject's detail: what the role may see of it in full (common/personal-data.ts); the rest is left out.
    const toValues = (rows: CurrentValue[], who: Audience) =>
      rows
        .filter((row) => elements.has(row.elementId))
        .sort((left, right) => elements.get(left.elementId)!.code.localeCompare(elements.get(right.elementId)!.code))
        .map((row) =>
          shown(
            who,
            'DETAIL',
            elements.get(row.elementId)!,
            filled(elements.get(row.elementId)!.code, elements.get(row.elementId)!, row, null),
          ),
        )
        .filter((value): value is FilledValue => !!value);
    if (village) {
      const { village: region, info } = await this.resolveVillage(ctx, village);
      const values = toValues(await this.facts.current('VILLAGE', [region.id]), { role: ctx.me.role });
      await this.auditContactRead(ctx, region, values, elements);
      return { subjectType: 'VILLAGE', village: info, resident: null, values };
    }
    if (ctx.me.role === Role.VIEWER) throw forbidden('领导驾驶舱账号只能查看汇总数据，不能查询个人信息');
    const idCheck = checkIdNumber(idNumber!);
    if (!idCheck.valid)
      throw domainError(IdNumberErrorCode.INVALID_ID_NUMBER, idCheck.reason, { details: [{ field: 'idNumber', message: idCheck.reason }] });
    const masked = this.pii.mask(idCheck.normalized);
    const resident = (await this.residents.byIdNumbers([idCheck.normalized])).get(idCheck.normalized);
    const home = resident?.villageId ? await this.regions.load(ctx, resident.villageId) : null;
    const allowed = !!resident && (home ? canSeeVillage(ctx.me, home) : [Role.ADMIN, Role.OFFICE_REVIEWER].includes(ctx.me.role));
    await this.audit.recordRead(ctx, {
      action: 'resident.lookup',
      objectType: 'resident',
      objectId: allowed ? resident!.id : null,
      outcome: allowed ? 'SUCCESS' : resident ? 'DENIED' : 'FAILURE',
      detail: { idMasked: masked, people: allowed ? 1 : 0 },
    });
    if (!allowed) throw notFound(`居民 ${masked} `);
    const values = [
      derivedValue('resident.gender', elementByCode(elements, 'resident.gender'), idCheck),
      derivedValue('resident.birth_date', elementByCode(elements, 'resident.birth_date'), idCheck),
    ].filter((filledValue): filledValue is FilledValue => !!filledValue);
    return {
      subjectType: 'RESIDENT',
      village: null,
      resident: {
        idMasked: masked,
        gender: resident!.gender,
        birthDate: resident!.birthDate,
        village: home ? await this.info(ctx, home) : null,
        residences: await this.residencesOf(ctx, resident!, home),
      },
      values: [...values, ...toValues(await this.facts.current('RESIDENT', [resident!.id]), { role: ctx.me.role, holdsId: true })],
    };
  }

  /** The resident's residence history as the caller may see it: villages outside the caller's scope are left out. */
  private async residencesOf(ctx: RequestContext, resident: Resident, home: Region | null): Promise<ResidenceEntry[]> {
    const entries = await this.residents.residences(resident.id);
    const currentAt = entries.findIndex(
      (entry) => entry.villageId === home?.id && (resident.villageAsOf === null || entry.asOf === resident.villageAsOf),
    );
    // One batch of region look-ups for the villages, one for their towns (the loaders batch what is asked at once).
    const villages = await Promise.all(entries.map((entry) => this.regions.load(ctx, entry.villageId)));
    const shown = entries
      .map((entry, i) => ({ entry, village: villages[i], current: i === currentAt }))
      .filter((item): item is typeof item & { village: Region } => !!item.village && canSeeVillage(ctx.me, item.village));
    const infos = await Promise.all(shown.map((item) => this.info(ctx, item.village)));
    return shown.map((item, i) => ({ village: infos[i], asOf: item.entry.asOf, current: item.current }));
  }

  /** A phone shown in full on a village's detail is a read of personal data: audited, except for the village's own cadre. */
  private async auditContactRead(ctx: RequestContext, village: Region, values: FilledValue[], elements: Map<number, DataElement>) {
    if (ctx.me.role === Role.VILLAGE_CADRE && ctx.me.regionId === village.id) return;
    const byCode = new Map([...elements.values()].map((dataElement) => [dataElement.code, dataElement]));
    const read = values
      .filter((value) => value.found && !value.masked && classOfElement(byCode.get(value.elementCode)!) === PersonalClass.PHONE)
      .map((value) => value.elementCode);
    if (!read.length) return;
    await this.audit.recordRead(ctx, {
      action: 'village.contact_read',
      objectType: 'village',
      objectId: village.id,
      // Names, not codes: the auditor reads them.
      detail: { elements: read.map((code) => byCode.get(code)!.name) },
    });
  }
}

const isDerived = (dataElement: DataElement) => !!dataElement.derivedFrom || dataElement.valueType === ValueType.ID_NUMBER;
const elementByCode = (value: Map<number, DataElement>, code: string) =>
  [...value.values()].find((dataElement) => dataElement.code === code)!;

/** A value as the caller may see it on a `view` (common/personal-data.ts); null when it must not be shown at all. */
function shown(who: Audience, view: View, dataElement: DataElement, value: FilledValue): FilledValue | null {
  const text = reveal(who, classOfElement(dataElement), view, value.value);
  if (text === undefined) return null;
  return text === value.value ? value : { ...value, value: text, text, masked: true };
}

/** In a list (autofill) a value the role may not see stays in place, empty, so rows keep their fields. */
function inList(who: Audience, dataElement: DataElement, value: FilledValue): FilledValue {
  return (
    shown(who, 'LIST', dataElement, value) ?? { ...value, value: null, text: null, found: false, source: null, sourceRef: null, asOf: null }
  );
}

function filled(key: string, dataElement: DataElement, currentValue: CurrentValue | null, periodStart: string | null): FilledValue {
  return {
    key,
    elementCode: dataElement.code,
    elementName: dataElement.name,
    value: currentValue?.value ?? null,
    unit: dataElement.unit,
    text: valueText(dataElement, currentValue?.value ?? null),
    found: !!currentValue,
    derived: false,
    source: currentValue?.source ?? null,
    sourceRef: currentValue?.sourceRef ?? null,
    asOf: currentValue?.asOf ?? null,
    stale: !!currentValue && !!periodStart && currentValue.asOf < periodStart,
    masked: false,
  };
}

function derivedValue(
  key: string,
  dataElement: DataElement | undefined,
  item: { normalized: string; birthDate: string; gender: string },
): FilledValue {
  const value = !dataElement
    ? null
    : dataElement.code.endsWith('gender')
      ? item.gender
      : dataElement.code.endsWith('birth_date')
        ? item.birthDate
        : dataElement.valueType === ValueType.ID_NUMBER
          ? `${item.normalized.slice(0, 6)}********${item.normalized.slice(14)}`
          : null;
  return {
    key,
    elementCode: dataElement?.code ?? key,
    elementName: dataElement?.name ?? key,
    value,
    unit: dataElement?.unit ?? null,
    text: dataElement ? valueText(dataElement, value) : value,
    found: value !== null,
    derived: true,
    source: null,
    sourceRef: null,
    asOf: null,
    stale: false,
    masked: false,
  };
}
