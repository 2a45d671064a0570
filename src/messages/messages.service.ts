import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { notFound } from '../common/errors.js';
import { maskIdLike } from '../common/id-like.js';
import { pageOf, type Page, type PageArgs } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { TransactionService } from '../common/transaction.service.js';
import { Message, MessageKind, MessageRead } from './message.entity.js';
import { MessageDelivery } from './message-delivery.js';

/** Where a message goes: a unit (region or department, optionally one role of it) and/or one user. */
export interface MessageAddress {
  regionId?: number | null;
  departmentId?: number | null;
  role?: string | null;
  userId?: number | null;
}

/** A message to make, in the caller's transaction. */
export interface MessageDraft extends MessageAddress {
  kind: MessageKind;
  title: string;
  body: string;
  link?: string | null;
  /** Made once only: a second draft with the same key is dropped (deadline reminders). */
  dedupeKey?: string | null;
  /** The moment of the event (the demo's year of life); default now. */
  at?: Date;
}

/** A message as listed: the row and whether the caller has read it. */
export type ListedMessage = Message & { read: boolean };

const CHUNK = 300;
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g;

/** Text another person typed (a return reason) kept free of ID numbers and phones before it goes into a message. */
export function scrubPersonal(text: string): string {
  return maskIdLike(text).replace(PHONE_LIKE, '***********');
}

let seq = 0;

/**
 * The message centre. It sits low in the house: the modules that own the events (dispatch, filling,
 * admission, feedback) call `post(em, …)` inside their own transaction, so a failed event leaves no
 * message; this module imports none of them. Delivery to outgoing channels waits for the commit.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly delivery: MessageDelivery,
  ) {}

  /** Stores the drafts in `em`'s transaction (dropping those whose dedupe key exists) and returns how many were made. */
  async post(em: EntityManager, drafts: MessageDraft[]): Promise<number> {
    if (!drafts.length) return 0;
    const keys = drafts.map((draft) => draft.dedupeKey).filter((key): key is string => !!key);
    const taken = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await em
        .getRepository(Message)
        .find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys.slice(i, i + CHUNK)) } });
      for (const row of rows) taken.add(row.dedupeKey!);
    }
    const fresh: MessageDraft[] = [];
    for (const draft of drafts) {
      if (draft.dedupeKey) {
        if (taken.has(draft.dedupeKey)) continue;
        taken.add(draft.dedupeKey);
      }
      fresh.push(draft);
    }
    const now = new Date();
    const rows = fresh.map((draft) => ({
      kind: draft.kind,
      title: draft.title.slice(0, 200),
      body: scrubPersonal(draft.body).slice(0, 600),
      link: draft.link ?? null,
      regionId: draft.regionId ?? null,
      departmentId: draft.departmentId ?? null,
      role: draft.role ?? null,
      userId: draft.userId ?? null,
      dedupeKey: draft.dedupeKey ?? null,
      createdAt: draft.at ?? now,
    }));
    // orIgnore: a concurrent run that made the same keyed message first wins, this one adds nothing.
    for (let i = 0; i < rows.length; i += CHUNK)
      await em
        .createQueryBuilder()
        .insert()
        .into(Message)
        .values(rows.slice(i, i + CHUNK))
        .orIgnore()
        .execute();
    if (rows.length && this.delivery.enabled) {
      const outgoing = rows.map((row) => ({ ...row }));
      this.tx.afterCommit(em, () => this.delivery.deliver(outgoing));
    }
    return rows.length;
  }

  /** Messages addressed to the user: to them, or to their unit (and role). */
  private addressedTo<T extends object>(qb: SelectQueryBuilder<T>, me: AuthUser, alias = 'm'): SelectQueryBuilder<T> {
    const tag = `msg${++seq % 1000}`;
    const unit: string[] = [];
    if (me.regionId) unit.push(`${alias}.regionId = :${tag}r`);
    if (me.departmentId) unit.push(`${alias}.departmentId = :${tag}d`);
    // A message for a whole role (no unit): the office, say.
    unit.push(`(${alias}.regionId IS NULL AND ${alias}.departmentId IS NULL AND ${alias}.role = :${tag}role)`);
    return qb.andWhere(
      `(${alias}.userId = :${tag}u OR (${alias}.userId IS NULL AND (${alias}.role IS NULL OR ${alias}.role = :${tag}role) AND (${unit.join(' OR ')})))`,
      { [`${tag}u`]: me.id, [`${tag}r`]: me.regionId, [`${tag}d`]: me.departmentId, [`${tag}role`]: me.role },
    );
  }

  private unread<T extends object>(qb: SelectQueryBuilder<T>, me: AuthUser, alias = 'm'): SelectQueryBuilder<T> {
    const tag = `rd${++seq % 1000}`;
    return qb.andWhere(`NOT EXISTS (SELECT 1 FROM message_read mr WHERE mr.message_id = ${alias}.id AND mr.user_id = :${tag})`, {
      [tag]: me.id,
    });
  }

  async list(ctx: RequestContext, filter: { unreadOnly?: boolean | null }, page: PageArgs): Promise<Page<ListedMessage>> {
    const me = ctx.me;
    const { take, skip } = pageOf(page);
    const qb = this.addressedTo(this.dataSource.getRepository(Message).createQueryBuilder('m'), me);
    if (filter.unreadOnly) this.unread(qb, me);
    const [items, totalItems] = await qb.orderBy('m.id', 'DESC').take(take).skip(skip).getManyAndCount();
    const read = items.length
      ? new Set(
          (
            await this.dataSource.getRepository(MessageRead).find({
              select: { messageId: true },
              where: { userId: me.id, messageId: In(items.map((item) => item.id)) },
            })
          ).map((row) => row.messageId),
        )
      : new Set<number>();
    return { items: items.map((item) => Object.assign(item, { read: read.has(item.id) })), totalItems };
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    const me = ctx.me;
    return this.unread(this.addressedTo(this.dataSource.getRepository(Message).createQueryBuilder('m'), me), me).getCount();
  }

  /** Marks one message read for the caller (NOT_FOUND outside what they may read); marking twice changes nothing. */
  async markRead(ctx: RequestContext, id: number): Promise<ListedMessage> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const message = await this.addressedTo(em.getRepository(Message).createQueryBuilder('m'), me).andWhere('m.id = :id', { id }).getOne();
      if (!message) throw notFound('消息');
      await em
        .createQueryBuilder()
        .insert()
        .into(MessageRead)
        .values({ messageId: id, userId: me.id, readAt: new Date() })
        .orIgnore()
        .execute();
      return Object.assign(message, { read: true });
    });
  }

  /** Marks every unread message of the caller read; returns how many. */
  async markAllRead(ctx: RequestContext): Promise<number> {
    const me = ctx.me;
    return this.tx.run(async (em) => {
      const ids = (
        await this.unread(this.addressedTo(em.getRepository(Message).createQueryBuilder('m'), me), me)
          .select('m.id', 'id')
          .getRawMany<{ id: number | string }>()
      ).map((row) => Number(row.id));
      const now = new Date();
      for (let i = 0; i < ids.length; i += CHUNK)
        await em
          .createQueryBuilder()
          .insert()
          .into(MessageRead)
          .values(ids.slice(i, i + CHUNK).map((messageId) => ({ messageId, userId: me.id, readAt: now })))
          .orIgnore()
          .execute();
      return ids.length;
    });
  }
}
