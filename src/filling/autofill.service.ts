import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { DataElement } from '../catalog/data-element.entity.js';
import { Subject, ValueType } from '../catalog/value-type.js';
import { Role } from '../common/auth-user.js';
import { badField, badInput, domainError, ErrorCode, forbidden, notFound } from '../common/errors.js';
import { IdNumberErrorCode } from '../common/id-number.errors.js';
import { FillingErrorCode } from './filling.errors.js';
import type { RequestContext } from '../common/request-context.js';
import { assertVillageInScope, canSeeVillage } from '../regions/scope.js';
import { TransactionService } from '../common/transaction.service.js';
import { FormsService } from '../forms/forms.service.js';
import { Region, RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import type { AutofillResult, FilledValue, ResidentRow, SubjectProfile, VillageInfo } from './autofill.types.js';
import { FactsService, type CurrentValue } from '../records/facts.service.js';
import { checkIdNumber } from '../common/id-number.js';
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
    private readonly tx: TransactionService,
    private readonly forms: FormsService,
  ) {}

  /** A village by id, or by exact name (+ town): AMBIGUOUS_VILLAGE / NOT_FOUND with candidates. In the caller's scope. */
  async resolveVillage(ctx: RequestContext, ref: VillageRef): Promise<{ village: Region; info: VillageInfo }> {
    let village: Region | null = null;
    if (ref.id != null) {
      village = await this.regions.load(ctx, ref.id);
      if (!village || village.level !== RegionLevel.VILLAGE) throw notFound('村(社区)');
    } else {
      const name = (ref.name ?? '').replace(/\s+/g, '');
      if (!name) throw badField('village', '请填写村(社区)的 id 或名称');
      const town = (ref.town ?? '').replace(/\s+/g, '');
      const found = await this.regions.villagesNamed(name, town);
      if (found.length > 1) {
        const candidates = await Promise.all(found.map((v) => this.info(ctx, v)));
        throw domainError(
          FillingErrorCode.AMBIGUOUS_VILLAGE,
          `“${name}”有 ${found.length} 个重名村(社区)：${candidates.map((c) => c.town).join('、')}，请选择所属镇(街道)`,
          { candidates },
        );
      }
      if (!found.length) {
        const close = await this.regions.searchVillages(name.replace(/(村|社区)$/, '') || name, 5).catch(() => []);
        const candidates = await Promise.all(close.map((v) => this.info(ctx, v)));
        throw domainError(
          ErrorCode.NOT_FOUND,
          `未找到${town ? `${town}的` : ''}村(社区)“${name}”${candidates.length ? `，您是不是要找：${candidates.map((c) => `${c.name}（${c.town}）`).join('、')}` : ''}`,
          { candidates },
        );
      }
      village = found[0];
    }
    assertVillageInScope(ctx.me, village, '该村(社区)的数据');
    return { village, info: await this.info(ctx, village) };
  }

  private async info(ctx: RequestContext, v: Region): Promise<VillageInfo> {
    const town = v.parentId ? await this.regions.load(ctx, v.parentId) : null;
    return { id: v.id, code: v.code, name: v.name, town: town?.name ?? null };
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
    for (const e of await Promise.all([...new Set(fields.map((f) => f.elementId))].map((id) => this.catalog.load(ctx, id))))
      if (e) elements.set(e.id, e);
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
    const villageFields = fields.filter((f) => f.section === 'VILLAGE' && elements.get(f.elementId)?.subject === Subject.VILLAGE);
    const residentFields = fields.filter((f) => f.section === 'RESIDENT' && elements.get(f.elementId)?.subject === Subject.RESIDENT);

    const villageValues = villageFields.length
      ? await this.facts.current('VILLAGE', [village.id], [...new Set(villageFields.map((f) => f.elementId))])
      : [];
    const vByElement = new Map(villageValues.map((c) => [c.elementId, c]));
    const values = villageFields.map((f) => filled(f.key, elements.get(f.elementId)!, vByElement.get(f.elementId) ?? null, start));

    const checks = idNumbers.map((raw) => checkIdNumber(raw ?? ''));
    const hashes = checks.map((c) => (c.valid ? this.pii.hash(c.normalized) : null));
    const people = await this.residents.identities([...new Set(hashes.filter((h): h is string => !!h))]);
    const byHash = new Map(people.map((p) => [p.idHash, p]));
    const visible = people.filter((p) => p.villageId === village.id);
    const stored = residentFields.filter((f) => !isDerived(elements.get(f.elementId)!));
    const rValues =
      stored.length && visible.length
        ? await this.facts.current(
            'RESIDENT',
            visible.map((p) => p.id),
            [...new Set(stored.map((f) => f.elementId))],
          )
        : [];
    const rByKey = new Map(rValues.map((c) => [`${c.subjectId}|${c.elementId}`, c]));

    const residents: ResidentRow[] = checks.map((c, index) => {
      if (!c.valid)
        return {
          index,
          valid: false,
          reason: c.reason,
          idMasked: c.normalized.length >= 8 ? this.pii.mask(c.normalized) : null,
          known: false,
          values: [],
        };
      const p = byHash.get(hashes[index]!) ?? null;
      const inScope = !!p && p.villageId === village.id;
      const reason = p && !inScope ? '该居民未登记在本村(社区)，不能调取其历史数据' : null;
      const rowValues = residentFields.map((f) => {
        const e = elements.get(f.elementId)!;
        if (isDerived(e)) return derivedValue(f.key, e, c);
        return filled(f.key, e, inScope ? (rByKey.get(`${p!.id}|${e.id}`) ?? null) : null, start);
      });
      return { index, valid: true, reason, idMasked: this.pii.mask(c.normalized), known: inScope, values: rowValues };
    });
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
      .filter((f) => f.elementId != null)
      .map((f) => ({
        key: f.fieldKey,
        elementId: f.elementId!,
        section: f.section === 'RESIDENT' ? ('RESIDENT' as const) : ('VILLAGE' as const),
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
    const unknown = codes.filter((c) => !byCode.has(c));
    if (unknown.length)
      throw badInput(
        `数据元不存在：${unknown.join('、')}`,
        unknown.map((c) => ({ field: 'elementCodes', message: `数据元 ${c} 不存在` })),
      );
    const fields = codes.map((c) => {
      const e = byCode.get(c)!;
      return { key: c, elementId: e.id, section: e.subject === Subject.VILLAGE ? ('VILLAGE' as const) : ('RESIDENT' as const) };
    });
    return this.fill(ctx, fields, new Map([...byCode.values()].map((e) => [e.id, e])), village, idNumbers, periodStart ?? null);
  }

  /** Everything currently known about a village or a resident; a resident look-up is audited. */
  async subjectProfile(ctx: RequestContext, village: VillageRef | null, idNumber: string | null): Promise<SubjectProfile> {
    if (village && village.id == null && !village.name) village = null;
    if ((village ? 1 : 0) + (idNumber ? 1 : 0) !== 1)
      throw badInput('请只给出村(社区)或身份证号之一', [{ field: 'village', message: '村(社区)与身份证号只能二选一' }]);
    const elements = new Map((await this.catalog.list()).map((e) => [e.id, e]));
    const toValues = (rows: CurrentValue[]) =>
      rows
        .filter((c) => elements.has(c.elementId))
        .sort((a, b) => elements.get(a.elementId)!.code.localeCompare(elements.get(b.elementId)!.code))
        .map((c) => filled(elements.get(c.elementId)!.code, elements.get(c.elementId)!, c, null));
    if (village) {
      const { village: v, info } = await this.resolveVillage(ctx, village);
      return { subjectType: 'VILLAGE', village: info, resident: null, values: toValues(await this.facts.current('VILLAGE', [v.id])) };
    }
    if (ctx.me.role === Role.VIEWER) throw forbidden('领导驾驶舱账号只能查看汇总数据，不能查询个人信息');
    const c = checkIdNumber(idNumber!);
    if (!c.valid) throw domainError(IdNumberErrorCode.INVALID_ID_NUMBER, c.reason, { details: [{ field: 'idNumber', message: c.reason }] });
    const masked = this.pii.mask(c.normalized);
    const [p] = await this.residents.byHashes([this.pii.hash(c.normalized)]);
    const home = p?.villageId ? await this.regions.load(ctx, p.villageId) : null;
    const allowed = !!p && (home ? canSeeVillage(ctx.me, home) : [Role.ADMIN, Role.OFFICE_REVIEWER].includes(ctx.me.role));
    await this.tx.run((em) =>
      this.audit.record(em, ctx, {
        action: 'resident.lookup',
        objectType: 'resident',
        objectId: allowed ? p!.id : null,
        outcome: allowed ? 'SUCCESS' : p ? 'DENIED' : 'FAILURE',
        detail: { idMasked: masked },
      }),
    );
    if (!allowed) throw notFound(`居民 ${masked} `);
    const values = [
      derivedValue('resident.gender', elementByCode(elements, 'resident.gender'), c),
      derivedValue('resident.birth_date', elementByCode(elements, 'resident.birth_date'), c),
    ].filter((v): v is FilledValue => !!v);
    return {
      subjectType: 'RESIDENT',
      village: null,
      resident: { idMasked: masked, gender: p!.gender, birthDate: p!.birthDate, village: home ? await this.info(ctx, home) : null },
      values: [...values, ...toValues(await this.facts.current('RESIDENT', [p!.id]))],
    };
  }
}

const isDerived = (e: DataElement) => !!e.derivedFrom || e.valueType === ValueType.ID_NUMBER;
const elementByCode = (m: Map<number, DataElement>, code: string) => [...m.values()].find((e) => e.code === code)!;

function filled(key: string, e: DataElement, c: CurrentValue | null, periodStart: string | null): FilledValue {
  return {
    key,
    elementCode: e.code,
    elementName: e.name,
    value: c?.value ?? null,
    found: !!c,
    derived: false,
    source: c?.source ?? null,
    sourceRef: c?.sourceRef ?? null,
    asOf: c?.asOf ?? null,
    stale: !!c && !!periodStart && c.asOf < periodStart,
  };
}

function derivedValue(key: string, e: DataElement | undefined, c: { normalized: string; birthDate: string; gender: string }): FilledValue {
  const value = !e
    ? null
    : e.code.endsWith('gender')
      ? c.gender
      : e.code.endsWith('birth_date')
        ? c.birthDate
        : e.valueType === ValueType.ID_NUMBER
          ? `${c.normalized.slice(0, 6)}********${c.normalized.slice(14)}`
          : null;
  return {
    key,
    elementCode: e?.code ?? key,
    elementName: e?.name ?? key,
    value,
    found: value !== null,
    derived: true,
    source: null,
    sourceRef: null,
    asOf: null,
    stale: false,
  };
}
