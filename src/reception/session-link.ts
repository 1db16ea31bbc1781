import type { Kysely } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Database } from '../db/schema.ts';
import { fieldError } from '../errors/app-error.ts';
import { CHANNEL_LABELS } from '../shared/labels.ts';
import { canSeeSession } from '../workflow/case-policy.ts';
import { loadSession } from './reception.binding.ts';
import { CHANNEL_OF_KIND } from './reception.rules.ts';

/**
 * A matter registered at a reception session names it: the session must exist and be visible to
 * the registrar, have begun and not be cancelled, and the channel must be the session's (a visit at
 * a reception, outreach at a 下访 or 约访). Called by registration before anything is written.
 */
export async function checkReceptionLink(
  db: Kysely<Database>,
  viewer: StaffUser | undefined,
  sessionId: number,
  channel: string,
  now: Date,
): Promise<void> {
  const row = viewer
    ? await db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', sessionId)
        .where('type', '=', 'reception_session')
        .executeTakeFirst()
    : undefined;
  const session = row ? await loadSession(db, row) : null;
  if (!row || !session || !canSeeSession(viewer!, session.facts))
    throw fieldError(
      'receptionSessionId',
      '接访场次不存在或无权查看',
      'no such reception session, or it is not visible to you',
    );
  if (row.state === 'cancelled' || session.session.starts_at > now)
    throw fieldError(
      'receptionSessionId',
      '只能关联已开始且未取消的接访场次',
      'only a session that has begun and is not cancelled can be named',
    );
  const expected = CHANNEL_OF_KIND[session.session.kind];
  if (channel !== expected)
    throw fieldError(
      'receptionSessionId',
      `在该场次登记的事项，渠道应为「${CHANNEL_LABELS[expected].zh}」`,
      `a matter registered at this session has the channel "${CHANNEL_LABELS[expected].en}"`,
    );
}
