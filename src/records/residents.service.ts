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
  ) {
    // A database of before key ids: its first configured key must open a resident's number.
    pii.keyring.addLegacyProbe(async (ring) => {
      const [row] = (await dataSource.query(`SELECT id_cipher FROM resident WHERE id_cipher NOT LIKE '%:%' ORDER BY id LIMIT 1`)) as {
        id_cipher: string;
      }[];
      if (!row) return true;
      try {
        ring.decrypt(row.id_cipher);
        return true;
      } catch {
        return false;
      }
    });
  }

  /**
   * Residents by normalised ID number (valid ones), matched under every configured key: during a key
   * rotation a resident not yet moved is found too. Number → resident.
   */
  async byIdNumbers(numbers: string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, Resident>> {
    const numberOf = this.hashIndex(numbers);
    const found = new Map<string, Resident>();
    if (!numberOf.size) return found;
    const rows = await inSlices([...numberOf.keys()], SLICE, (texts) => em.getRepository(Resident).findBy({ idHash: In(texts) }));
    for (const row of rows) found.set(numberOf.get(row.idHash)!, row);
    return found;
  }

  /** Each stored form of each number's keyed hash → the number. */
  private hashIndex(numbers: string[]): Map<string, string> {
    const numberOf = new Map<string, string>();
    for (const text of new Set(numbers)) for (const hash of this.pii.hashes(text)) numberOf.set(hash, text);
    return numberOf;
  }

  /** id, village and masked number by normalised ID number, as plain rows (autofill's hot path). Number → identity. */
  async identities(numbers: string[]): Promise<Map<string, { id: number; idMasked: string; villageId: number | null }>> {
    const numberOf = this.hashIndex(numbers);
    const rows = await inSlices([...numberOf.keys()], SLICE, async (texts) =>
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
    return new Map(rows.map(({ idHash, ...identity }) => [numberOf.get(idHash)!, identity]));
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
    // Every stored form of a person's hash (a resident not yet rotated to the current key) → the current one.
    const currentOf = new Map<string, string>();
    for (const person of people) {
      const lookup = person.identity?.lookup ?? this.pii.hashes(person.idNumber);
      const hash = lookup[0];
      for (const form of lookup) currentOf.set(form, hash);
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
      [...currentOf.keys()],
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
      const current = currentOf.get(item.idHash)!;
      const value = byHash.get(current);
      // Stored twice (a resident written under two keys by processes mid-rotation): the first row found keeps them.
      if (!value) continue;
      ids.set(value.idNumber, item.id);
      // An older record adds history but never moves a resident: only one as of the current village's date or later does.
      const notOlder = !item.villageAsOf || !value.asOf || value.asOf >= item.villageAsOf;
      if (value.villageId && notOlder && (value.villageId !== item.villageId || (value.asOf ?? '') > (item.villageAsOf ?? ''))) {
        const key = `${value.villageId}|${value.asOf}`;
        const move = moves.get(key) ?? { villageId: value.villageId, asOf: value.asOf, ids: [] };
        move.ids.push(item.id);
        moves.set(key, move);
      }
      byHash.delete(current);
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
