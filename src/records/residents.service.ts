import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Resident } from './resident.entity.js';
import { PiiService } from './pii.service.js';
import { checkIdNumber } from '../common/id-number.js';
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
    return inSlices(hashes, SLICE, (s) => em.getRepository(Resident).findBy({ idHash: In(s) }));
  }

  /** id, village and masked number by keyed hash, as plain rows (autofill's hot path). */
  async identities(hashes: string[]): Promise<{ id: number; idHash: string; idMasked: string; villageId: number | null }[]> {
    return inSlices(hashes, SLICE, async (s) =>
      (
        await hotRead<ResidentIdentityRow>(
          this.dataSource,
          `SELECT id, id_hash, id_masked, village_id FROM resident WHERE id_hash IN (${placeholders(s.length)})`,
          s,
        )
      ).map((r) => ({
        id: Number(r.id),
        idHash: r.id_hash,
        idMasked: r.id_masked,
        villageId: r.village_id == null ? null : Number(r.village_id),
      })),
    );
  }

  /**
   * Finds or creates residents for valid, normalised ID numbers in bulk; a given village is
   * recorded (or moved to) when present. Returns normalised number → resident id.
   */
  async ensure(
    em: EntityManager,
    people: { idNumber: string; villageId: number | null; identity?: ResidentIdentity }[],
  ): Promise<{ ids: Map<string, number>; created: number; createdIds: Set<number> }> {
    const byHash = new Map<string, { idNumber: string; villageId: number | null; identity?: ResidentIdentity }>();
    for (const p of people) {
      const h = p.identity?.hash ?? this.pii.hash(p.idNumber);
      const prev = byHash.get(h);
      byHash.set(h, { idNumber: p.idNumber, villageId: p.villageId ?? prev?.villageId ?? null, identity: p.identity ?? prev?.identity });
    }
    // Plain rows, no entity hydration: an import looks up every resident of the file.
    const existing = await inSlices(
      [...byHash.keys()],
      SLICE,
      async (s): Promise<{ id: number; idHash: string; villageId: number | null }[]> =>
        (
          (await em.query(`SELECT id, id_hash, village_id FROM resident WHERE id_hash IN (${placeholders(s.length)})`, s)) as Omit<
            ResidentIdentityRow,
            'id_masked'
          >[]
        ).map((r) => ({
          id: Number(r.id),
          idHash: r.id_hash as string,
          villageId: r.village_id == null ? null : Number(r.village_id),
        })),
    );
    const ids = new Map<string, number>();
    const moves = new Map<number, number[]>();
    for (const r of existing) {
      const p = byHash.get(r.idHash)!;
      ids.set(p.idNumber, r.id);
      if (p.villageId && p.villageId !== r.villageId) {
        const list = moves.get(p.villageId) ?? [];
        list.push(r.id);
        moves.set(p.villageId, list);
      }
      byHash.delete(r.idHash);
    }
    for (const [villageId, rids] of moves)
      await inSlices(rids, SLICE, async (s) => {
        await em.query(`UPDATE resident SET village_id = ? WHERE id IN (${placeholders(s.length)})`, [villageId, ...s]);
        return [];
      });
    const fresh = [...byHash.entries()];
    const rows = fresh.map(([h, p]) => {
      // An import computed the identity with its rows (hash, cipher, mask: see RowChecker).
      if (p.identity) return [h, p.identity.cipher, p.identity.masked, p.identity.birthDate, p.identity.gender, p.villageId];
      const c = checkIdNumber(p.idNumber);
      if (!c.valid) throw new Error('ensure() needs valid ID numbers');
      return [h, this.pii.encrypt(c.normalized), this.pii.mask(c.normalized), c.birthDate, c.gender, p.villageId];
    });
    const newIds = await bulkInsert(
      em,
      'resident',
      ['id_hash', 'id_cipher', 'id_masked', 'birth_date', 'gender', 'village_id'],
      rows,
      true,
    );
    fresh.forEach(([, p], i) => ids.set(p.idNumber, newIds[i]));
    return { ids, created: fresh.length, createdIds: new Set(newIds) };
  }
}
