import type { AppContext } from '../app/context.ts';
import { appendEvents, type Actor } from '../audit/event-log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { endUserSessions } from '../auth/sessions.ts';
import { fieldError, notFound } from '../errors/app-error.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { withTransaction } from '../app/transaction.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  unitId: number;
  roles: Role[];
  /** Where the inbox's notices are also mailed when SMTP is configured. */
  email?: string | null | undefined;
}

/** Creates a staff user; the password is stored only as an argon2id hash. */
export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<number> {
  if (!/^[a-z0-9_.-]{3,40}$/.test(input.username)) {
    throw fieldError('username', '用户名须为3-40位小写字母、数字或 _.-', 'username: 3–40 of a-z 0-9 _ . -');
  }
  if (input.password.length < 8)
    throw fieldError('password', '密码至少8位', 'the password needs at least 8 characters');
  if (input.roles.length === 0 || input.roles.some((r) => !ROLES.includes(r))) {
    throw fieldError('roles', `角色须为：${ROLES.join(', ')}`, `roles must be among: ${ROLES.join(', ')}`);
  }
  const unit = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit) throw fieldError('unitId', '单位不存在', 'unknown unit');
  const taken = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (taken) throw fieldError('username', '用户名已被使用', 'the username is taken');
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx, async ({ db: trx }) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        unit_id: input.unitId,
        roles: input.roles,
        email: input.email ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
      {
        kind: 'user_created',
        at: ctx.clock(),
        payload: { userId: row.id, username: input.username, roles: input.roles, unitId: input.unitId },
      },
    ]);
    return row.id;
  });
}

export interface UserChange {
  displayName?: string | undefined;
  unitId?: number | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
  /** null removes the address. */
  email?: string | null | undefined;
}

/**
 * Changes a user's name, unit, roles or active flag. A change of unit, roles or active flag ends
 * the user's sessions (their permissions change with them). Administrators cannot lock themselves
 * out: not deactivate themselves, nor drop their own admin role.
 */
export async function updateUser(ctx: AppContext, actor: Actor, userId: number, change: UserChange) {
  if (actor.userId === userId) {
    if (change.active === false)
      throw fieldError('active', '不能停用自己的账号', 'you cannot deactivate your own account');
    if (change.roles && !change.roles.includes('admin'))
      throw fieldError('roles', '不能取消自己的管理员角色', 'you cannot remove your own admin role');
  }
  if (change.roles && (change.roles.length === 0 || change.roles.some((r) => !ROLES.includes(r)))) {
    throw fieldError('roles', `角色须为：${ROLES.join(', ')}`, `roles must be among: ${ROLES.join(', ')}`);
  }
  return withTransaction(ctx, async ({ db: trx }) => {
    const before = await trx
      .selectFrom('users')
      .select(['id', 'display_name', 'unit_id', 'roles', 'active', 'email'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('用户', 'User');
    if (change.unitId !== undefined && change.unitId !== before.unit_id) {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'active'])
        .where('id', '=', change.unitId)
        .executeTakeFirst();
      if (!unit) throw fieldError('unitId', '单位不存在', 'unknown unit');
      if (!unit.active) throw fieldError('unitId', '该单位已停用', 'the unit is deactivated');
    }
    const after = {
      display_name: change.displayName ?? before.display_name,
      unit_id: change.unitId ?? before.unit_id,
      roles: change.roles ?? (before.roles as Role[]),
      active: change.active ?? before.active,
      email: change.email === undefined ? before.email : change.email,
    };
    await trx.updateTable('users').set(after).where('id', '=', userId).execute();
    const sameRoles =
      after.roles.length === before.roles.length && after.roles.every((r) => before.roles.includes(r));
    const access = after.unit_id !== before.unit_id || !sameRoles || after.active !== before.active;
    const ended = access ? await endUserSessions(ctx, trx, userId) : 0;
    await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
      {
        kind: 'user_changed',
        at: ctx.clock(),
        payload: {
          userId,
          before: {
            displayName: before.display_name,
            unitId: before.unit_id,
            roles: before.roles,
            active: before.active,
            email: before.email,
          },
          after: {
            displayName: after.display_name,
            unitId: after.unit_id,
            roles: after.roles,
            active: after.active,
            email: after.email,
          },
          sessionsEnded: ended,
        },
      },
    ]);
    return {
      id: userId,
      displayName: after.display_name,
      unitId: after.unit_id,
      roles: after.roles,
      active: after.active,
      email: after.email,
    };
  });
}

/** Sets a new password (argon2id) and ends the user's sessions. The password is not logged. */
export async function resetPassword(ctx: AppContext, actor: Actor, userId: number, password: string) {
  if (password.length < 8)
    throw fieldError('password', '密码至少8位', 'the password needs at least 8 characters');
  const passwordHash = await hashPassword(password);
  return withTransaction(ctx, async ({ db: trx }) => {
    const r = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('用户', 'User');
    const ended = await endUserSessions(ctx, trx, userId);
    await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
      { kind: 'user_password_reset', at: ctx.clock(), payload: { userId, sessionsEnded: ended } },
    ]);
    return { ok: true };
  });
}
