import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { badField } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { DutiesService } from '../duties/duties.service.js';
import type { DutyItem } from '../duties/duty-item.entity.js';
import { RegionLevel } from '../regions/region.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import type { PublicDisclosure, SiteFooter } from './disclosure.dto.js';
import { TownContact } from './town-contact.entity.js';

const DUTY_PAGE = 200;

@Injectable()
export class DisclosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly duties: DutiesService,
    private readonly regions: RegionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the public page shows: the duty lists and every town's contact (no personal data). */
  async publicDisclosure(ctx: RequestContext): Promise<PublicDisclosure> {
    const duties: DutyItem[] = [];
    for (let skip = 0; ; skip += DUTY_PAGE) {
      const page = await this.duties.list(ctx, {}, { skip, take: DUTY_PAGE });
      duties.push(...page.items);
      if (duties.length >= page.totalItems || !page.items.length) break;
    }
    const towns = await this.regions.list(RegionLevel.TOWN);
    const byTown = new Map(
      (await this.dataSource.getRepository(TownContact).find()).map((townContact) => [townContact.townId, townContact]),
    );
    const contacts = towns.map((town) => {
      const townContact = byTown.get(town.id);
      return {
        townName: town.name,
        contactName: townContact?.contactName ?? null,
        phone: townContact?.phone ?? null,
        address: townContact?.address ?? null,
      };
    });
    return { duties, contacts, pageUrl: this.config.publicUrl ? `${this.config.publicUrl}/public` : null };
  }
  /** The footer lines the operator configured (SITE_*); none is invented when unset. */
  siteFooter(): SiteFooter {
    const { sponsor, techSupport, icpNumber } = this.config.site;
    return { sponsor: sponsor ?? null, techSupport: techSupport ?? null, icpNumber: icpNumber ?? null };
  }

  /** Sets (or replaces) a town's published contact; admin and the office keep the table. */
  async setTownContact(
    ctx: RequestContext,
    townId: number,
    input: { contactName: string; phone: string; address?: string | null },
  ): Promise<TownContact> {
    const town = await this.regions.get(ctx, townId);
    if (town.level !== RegionLevel.TOWN) throw badField('townId', `${town.name}不是镇(街道)，联系方式只按镇(街道)公开`);
    return this.tx.run(async (em) => {
      const repo = em.getRepository(TownContact);
      const existing = await repo.findOneBy({ townId });
      const row = existing ?? repo.create({ townId });
      row.contactName = input.contactName.trim();
      row.phone = input.phone.trim();
      row.address = input.address?.trim() || null;
      const saved = await repo.save(row);
      await this.audit.record(em, ctx, { action: 'townContact.set', objectType: 'region', objectId: townId, detail: { town: town.name } });
      return saved;
    });
  }
}
