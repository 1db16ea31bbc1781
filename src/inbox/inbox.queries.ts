import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import type { InboxQuery } from '../shared/inbox.schema.ts';

/** Flat facts only: the inbox shows text and numbers, never nested records. */
function flat(payload: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as string | number | boolean | null;
  }
  return out;
}

/** The user's notices, newest first, with how many are unread. */
export async function listInbox(ctx: AppContext, user: StaffUser, query: z.output<typeof InboxQuery>) {
  const db = ctx.db;
  let q = db
    .selectFrom('notifications as n')
    .leftJoin('matters as m', 'm.id', 'n.matter_id')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .where('n.user_id', '=', user.id);
  if (query.unread === 'true') q = q.where('n.read_at', 'is', null);
  const rows = await q
    .select([
      'n.id',
      'n.kind',
      'n.created_at',
      'n.read_at',
      'n.matter_id',
      'm.case_number',
      'm.subject',
      'n.case_id',
      'c.type as case_type',
      'n.payload',
    ])
    .orderBy('n.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      createdAt: r.created_at,
      readAt: r.read_at,
      matterId: r.matter_id,
      caseNumber: r.case_number,
      subject: r.subject,
      caseId: r.case_id,
      caseType: r.case_type,
      payload: flat(r.payload),
    })),
    unread: await unreadCount(ctx, user),
    total: total.n,
  };
}

export async function unreadCount(ctx: AppContext, user: StaffUser): Promise<number> {
  const r = await ctx.db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', user.id)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Marks one of the user's own notices read (someone else's is "not found"). */
export async function markRead(ctx: AppContext, user: StaffUser, id: number) {
  const row = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock() })
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .where('read_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const exists = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!exists) throw notFound('通知', 'Notification');
  }
  return { unread: await unreadCount(ctx, user) };
}

export async function markAllRead(ctx: AppContext, user: StaffUser) {
  await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock() })
    .where('user_id', '=', user.id)
    .where('read_at', 'is', null)
    .execute();
  return { unread: 0 };
}
