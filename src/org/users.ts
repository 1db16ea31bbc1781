import type { AppContext } from '../app/context.ts';
import { appendEvents, type Actor } from '../audit/event-log.ts';
import { hashPassword } from '../auth/passwords.ts';
import { fieldError } from '../errors/app-error.ts';
import { ROLES, type Role } from '../shared/enums.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  unitId: number;
  roles: Role[];
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
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        unit_id: input.unitId,
        roles: input.roles,
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
