import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { appendEvents } from '../audit/event-log.ts';
import { AppError } from '../errors/app-error.ts';
import type { Role, UnitLevel } from '../shared/enums.ts';
import { admitLogin, clearLoginFailures, recordLoginFailure } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import type { StaffUser } from './staff-user.ts';
import { withTransaction } from '../app/transaction.ts';

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

// Spent on unknown usernames too, so response time does not reveal which usernames exist.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZxvY3yS9Qm1bS3c9e3WmCNnHGJ0cPvGDsUo5e2jDLDk';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffUser;
}

export async function loadStaffUser(ctx: AppContext, userId: number): Promise<StaffUser | null> {
  const row = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.active',
      'n.id as unitId',
      'n.name as unitName',
      'n.kind',
      'n.level',
      'n.region_code',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    unit: {
      id: row.unitId,
      name: row.unitName,
      kind: row.kind,
      level: row.level as UnitLevel,
      regionCode: row.region_code,
    },
  };
}

export async function login(ctx: AppContext, username: string, password: string): Promise<LoginResult> {
  const name = username.toLowerCase();
  // Before the password is looked at: a locked account refuses even the right password.
  const admission = await admitLogin(ctx, name);
  const row = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active'])
    .where('username', '=', name)
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !row.active || !ok) {
    await recordLoginFailure(ctx, name, row?.id ?? null, admission);
    throw new AppError('unauthenticated', '用户名或密码错误', 'Wrong username or password');
  }
  const user = await loadStaffUser(ctx, row.id);
  if (!user) throw new AppError('unauthenticated', '用户名或密码错误', 'Wrong username or password');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000);
  await withTransaction(ctx, async ({ db: trx }) => {
    await trx
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    await clearLoginFailures(trx, name);
    await appendEvents(
      trx,
      { stream: 'system', matterId: null },
      { kind: 'staff', userId: user.id, unitId: user.unit.id },
      [{ kind: 'login', at: now, payload: { username: user.username } }],
    );
  });
  return { token, csrfToken, expiresAt, user };
}

type Resolved = { user: StaffUser; csrfToken: string; expiresAt: Date };

// Sessions are read on every request; a few seconds of caching saves a query per request. A logout
// clears this instance's entry at once; other instances see it within SESSION_CACHE_MS.
const SESSION_CACHE_MS = 5_000;
const sessionCache = new WeakMap<object, Map<string, { at: number; value: Resolved }>>();

/**
 * Ends every session of a user (deactivated, password reset, roles changed): the rows go, and this
 * instance's cache forgets them at once; other instances within SESSION_CACHE_MS.
 */
export async function endUserSessions(
  ctx: AppContext,
  db: AppContext['db'],
  userId: number,
): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  const cache = sessionCache.get(ctx.db);
  if (cache) for (const [k, v] of cache) if (v.value.user.id === userId) cache.delete(k);
  return Number(r.numDeletedRows);
}

export async function resolveSession(ctx: AppContext, token: string): Promise<Resolved | null> {
  const id = tokenId(token);
  let cache = sessionCache.get(ctx.db);
  if (!cache) sessionCache.set(ctx.db, (cache = new Map()));
  const hit = cache.get(id);
  const now = ctx.clock();
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS && hit.value.expiresAt > now) return hit.value;
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.active',
      'n.id as unitId',
      'n.name as unitName',
      'n.kind',
      'n.level',
      'n.region_code',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at <= now) {
    cache.delete(id);
    return null;
  }
  const value: Resolved = {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as Role[],
      unit: {
        id: row.unitId,
        name: row.unitName,
        kind: row.kind,
        level: row.level as UnitLevel,
        regionCode: row.region_code,
      },
    },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { at: Date.now(), value });
  return value;
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  sessionCache.get(ctx.db)?.delete(tokenId(token));
  await ctx.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
}
