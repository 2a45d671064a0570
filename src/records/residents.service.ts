import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Resident } from './resident.entity.js';
import { PiiService } from './pii.service.js';
import { checkIdNumber } from '../common/id-number.js';
import { platformDay } from '../common/platform-time.js';
import type { ResidentIdentity } from './import-rows.js';
import { hotRead } from '../database/hot-read.js';
import { bulkInsert, inSlices, placeholders } from './sql-bulk.js';

const SLICE = 500;

/** Resident identities: found by keyed hash, created with the number encrypted and masked. */
/** A resident's identity columns as the drivers return them (ids may be strings on MySQL). */
interface ResidentIdentityRow {
  id: number | string;
  id_hash: string;
  id_masked: string;
  village_id: number | string | null;
}

@Injectable()
export class ResidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiService,
  ) {}

  byHashes(hashes: string[], em: EntityManager = this.dataSource.manager): Promise<Resident[]> {
    if (!hashes.length) return Promise.resolve([]);
    return inSlices(hashes, SLICE, (texts) => em.getRepository(Resident).findBy({ idHash: In(texts) }));
  }

  /** id, village and masked number by keyed hash, as plain rows (autofill's hot path). */
  async identities(hashes: string[]): Promise<{ id: number; idHash: string; idMasked: string; villageId: number | null }[]> {
    return inSlices(hashes, SLICE, async (texts) =>
      (
        await hotRead<ResidentIdentityRow>(
          this.dataSource,
          `SELECT id, id_hash, id_masked, village_id FROM resident WHERE id_hash IN (${placeholders(texts.length)})`,
          texts,
        )
      ).map((residentIdentityRow) => ({
        id: Number(residentIdentityRow.id),
        idHash: residentIdentityRow.id_hash,
        idMasked: residentIdentityRow.id_masked,
        villageId: residentIdentityRow.village_id == null ? null : Number(residentIdentityRow.village_id),
      })),
    );
  }

  /**
   * Finds or creates residents for valid, normalised ID numbers in bulk; a given village is
   * recorded (or moved to) when present. Returns normalised number → resident id.
   */
  async ensure(
    em: EntityManager,
    people: { idNumber: string; villageId: number | null; identity?: ResidentIdentity; asOf?: string }[],
    /** What says where they live (`import_batch:N`, `submission:N`), kept with the residence history. */
    sourceRef: string | null = null,
  ): Promise<{ ids: Map<string, number>; created: number; createdIds: Set<number> }> {
    const byHash = new Map<string, { idNumber: string; villageId: number | null; identity?: ResidentIdentity; asOf: string | null }>();
    for (const person of people) {
      const hash = person.identity?.hash ?? this.pii.hash(person.idNumber);
      const prev = byHash.get(hash);
      // Within the batch too, the newest record says where the resident lives.
      const newer = !prev || !prev.villageId || (person.villageId !== null && (person.asOf ?? '9999') >= (prev.asOf ?? ''));
      byHash.set(hash, {
        idNumber: person.idNumber,
        villageId: newer ? (person.villageId ?? prev?.villageId ?? null) : prev.villageId,
        identity: person.identity ?? prev?.identity,
        asOf: newer && person.villageId !== null ? (person.asOf ?? null) : (prev?.asOf ?? null),
      });
    }
    // Plain rows, no entity hydration: an import looks up every resident of the file.
    const existing = await inSlices(
      [...byHash.keys()],
      SLICE,
      async (texts): Promise<{ id: number; idHash: string; villageId: number | null; villageAsOf: string | null }[]> =>
        (
          (await em.query(
            `SELECT id, id_hash, village_id, village_as_of FROM resident WHERE id_hash IN (${placeholders(texts.length)})`,
            texts,
          )) as (Omit<ResidentIdentityRow, 'id_masked'> & { village_as_of: string | null })[]
        ).map((row) => ({
          id: Number(row.id),
          idHash: row.id_hash as string,
          villageId: row.village_id == null ? null : Number(row.village_id),
          villageAsOf: row.village_as_of ?? null,
        })),
    );
    const ids = new Map<string, number>();
    const moves = new Map<string, { villageId: number; asOf: string | null; ids: number[] }>();
    for (const item of existing) {
      const value = byHash.get(item.idHash)!;
      ids.set(value.idNumber, item.id);
      // An older record adds history but never moves a resident: only one as of the current village's date or later does.
      const notOlder = !item.villageAsOf || !value.asOf || value.asOf >= item.villageAsOf;
      if (value.villageId && notOlder && (value.villageId !== item.villageId || (value.asOf ?? '') > (item.villageAsOf ?? ''))) {
        const key = `${value.villageId}|${value.asOf}`;
        const move = moves.get(key) ?? { villageId: value.villageId, asOf: value.asOf, ids: [] };
        move.ids.push(item.id);
        moves.set(key, move);
      }
      byHash.delete(item.idHash);
    }
    for (const move of moves.values())
      await inSlices(move.ids, SLICE, async (nums) => {
        await em.query(`UPDATE resident SET village_id = ?, village_as_of = ? WHERE id IN (${placeholders(nums.length)})`, [
          move.villageId,
          move.asOf,
          ...nums,
        ]);
        return [];
      });
    const fresh = [...byHash.entries()];
    const rows = fresh.map(([text, item]) => {
      // An import computed the identity with its rows (hash, cipher, mask: see RowChecker).
      if (item.identity)
        return [
          text,
          item.identity.cipher,
          item.identity.masked,
          item.identity.birthDate,
          item.identity.gender,
          item.villageId,
          item.villageId ? item.asOf : null,
        ];
      const idCheck = checkIdNumber(item.idNumber);
      if (!idCheck.valid) throw new Error('ensure() needs valid ID numbers');
      return [
        text,
        this.pii.encrypt(idCheck.normalized),
        this.pii.mask(idCheck.normalized),
        idCheck.birthDate,
        idCheck.gender,
        item.villageId,
        item.villageId ? item.asOf : null,
      ];
    });
    const newIds = await bulkInsert(
      em,
      'resident',
      ['id_hash', 'id_cipher', 'id_masked', 'birth_date', 'gender', 'village_id', 'village_as_of'],
      rows,
      true,
    );
    fresh.forEach(([, item], i) => ids.set(item.idNumber, newIds[i]));
    await this.keepResidences(em, people, ids, sourceRef);
    return { ids, created: fresh.length, createdIds: new Set(newIds) };
  }

  /**
   * The residence history: every (village, as-of) said of a resident, once. An older record lands
   * here only; the current village (resident.village_id) is the newest of them (ensure above).
   */
  private async keepResidences(
    em: EntityManager,
    people: { idNumber: string; villageId: number | null; asOf?: string }[],
    ids: Map<string, number>,
    sourceRef: string | null,
  ) {
    const today = platformDay();
    const seen = new Set<string>();
    const rows: unknown[][] = [];
    for (const person of people) {
      const residentId = ids.get(person.idNumber);
      if (!person.villageId || residentId === undefined) continue;
      const asOf = person.asOf ?? today;
      const key = `${residentId}|${person.villageId}|${asOf}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([residentId, person.villageId, asOf, sourceRef]);
    }
    await bulkInsert(em, 'resident_residence', ['resident_id', 'village_id', 'as_of', 'source_ref'], rows, false, true);
  }

  /** Where a resident lived, newest first: every village and the date a record put them there. */
  async residences(residentId: number): Promise<{ villageId: number; asOf: string; sourceRef: string | null }[]> {
    const rows: { village_id: number | string; as_of: string; source_ref: string | null }[] = await this.dataSource.query(
      `SELECT village_id, as_of, source_ref FROM resident_residence WHERE resident_id = ? ORDER BY as_of DESC, id DESC`,
      [residentId],
    );
    return rows.map((row) => ({ villageId: Number(row.village_id), asOf: row.as_of, sourceRef: row.source_ref }));
  }
}
