import type { AppContext } from '../../src/app/context.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { idCheckCharacter } from '../../src/intake/id-number.ts';
import { registerMatter } from '../../src/intake/register-matter.ts';
import { matterCommands } from '../../src/lifecycle/matter-commands.ts';
import type { CommandActor } from '../../src/lifecycle/run-command.ts';
import type { Role, UnitLevel } from '../../src/shared/enums.ts';
import { RegisterMatterInput, type RegisterMatterInput as RegisterInput } from '../../src/shared/schemas.ts';

export const TEST_PASSWORD = 'test-password-1';

/** A valid GB 11643 number for a person born on the given day in 南山区. */
export function idNumber(seq: number, birth = '19800101'): string {
  const first17 = `440305${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export interface Org {
  units: Record<
    'bureau' | 'housing' | 'labour' | 'discipline' | 'street' | 'cityBureau' | 'provinceBureau' | 'countyGov',
    number
  >;
  users: Record<
    | 'registrar'
    | 'officer'
    | 'head'
    | 'labourHead'
    | 'leader'
    | 'analyst'
    | 'admin'
    | 'cityHead'
    | 'provinceHead'
    | 'discipline'
    | 'streetHead'
    | 'countyHead'
    | 'supervisor',
    StaffUser
  >;
  staff: (u: StaffUser) => CommandActor;
}

/**
 * A small organisation in 深圳市南山区: the petition bureaus of district, city and province, two
 * functional departments, discipline inspection, a street office, and one user per role.
 */
export async function seedOrg(ctx: AppContext): Promise<Org> {
  const db = ctx.db;
  await db
    .insertInto('regions')
    .values([
      { code: '440305001', name: '南头街道', level: 'township', parent_code: '440305' },
      { code: '440305001001', name: '南头城社区', level: 'village', parent_code: '440305001' },
      { code: '440305002', name: '南山街道', level: 'township', parent_code: '440305' },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const unit = async (name: string, kind: string, level: UnitLevel, region: string, remit?: string) => {
    const row = await db
      .insertInto('units')
      .values({ name, kind, level, region_code: region })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (remit)
      await db
        .insertInto('unit_remits')
        .values({ unit_id: row.id, region_code: region, category_code: remit })
        .execute();
    return row.id;
  };
  const units = {
    provinceBureau: await unit('广东省信访局', 'petition_bureau', 'province', '44'),
    cityBureau: await unit('深圳市信访局', 'petition_bureau', 'city', '4403'),
    bureau: await unit('南山区信访局', 'petition_bureau', 'county', '440305'),
    housing: await unit(
      '南山区住房和建设局',
      'functional_department',
      'county',
      '440305',
      'urban_construction',
    ),
    labour: await unit(
      '南山区人力资源局',
      'functional_department',
      'county',
      '440305',
      'labour_social_security',
    ),
    discipline: await unit('南山区纪委监委', 'discipline_inspection', 'county', '440305'),
    street: await unit('南头街道办事处', 'township_government', 'township', '440305001'),
    countyGov: await unit('南山区人民政府', 'county_government', 'county', '440305'),
  };
  const hash = await hashPassword(TEST_PASSWORD);
  const user = async (username: string, unitId: number, roles: Role[]) => {
    const row = await db
      .insertInto('users')
      .values({ username, display_name: username, password_hash: hash, unit_id: unitId, roles })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await loadStaffUser(ctx, row.id))!;
  };
  const users = {
    registrar: await user('registrar', units.bureau, ['registrar']),
    officer: await user('officer', units.housing, ['officer']),
    head: await user('unithead', units.housing, ['unit_head']),
    labourHead: await user('labourhead', units.labour, ['officer', 'unit_head']),
    leader: await user('leader', units.bureau, ['leader']),
    analyst: await user('analyst', units.bureau, ['analyst']),
    admin: await user('admin', units.bureau, ['admin']),
    cityHead: await user('cityhead', units.cityBureau, ['unit_head', 'leader']),
    provinceHead: await user('provhead', units.provinceBureau, ['unit_head', 'leader']),
    discipline: await user('discipline', units.discipline, ['officer', 'unit_head']),
    streetHead: await user('streethead', units.street, ['officer', 'unit_head']),
    countyHead: await user('countyhead', units.countyGov, ['unit_head', 'leader']),
    supervisor: await user('supervisor', units.bureau, ['supervisor']),
  };
  return { units, users, staff: (u) => ({ kind: 'staff', user: u }) };
}

let seq = 0;

/** Registers a matter at the district bureau with sensible defaults; override any field. */
export async function registerTestMatter(
  ctx: AppContext,
  org: Org,
  overrides: Partial<RegisterInput> = {},
  idempotencyKey?: string,
) {
  seq += 1;
  const input = RegisterMatterInput.parse({
    channel: 'letter',
    purpose: 'request',
    categoryCode: 'urban_construction',
    subject: `小区电梯长期故障无人维修 ${seq}`,
    content: '我们小区的电梯已经停运三个月，物业公司一直推诿，请求相关部门督促维修。',
    regionCode: '440305001001',
    petitioners: [{ name: '张三', idNumber: idNumber(seq), phone: `1380000${String(1000 + seq).slice(-4)}` }],
    ...overrides,
  });
  const r = await registerMatter(
    ctx,
    {
      kind: 'staff',
      userId: org.users.registrar.id,
      unitId: org.units.bureau,
      registeringUnitId: org.units.bureau,
      registeringUnitLevel: 'county',
    },
    input,
    idempotencyKey ? { scope: `user:${org.users.registrar.id}`, key: idempotencyKey, body: overrides } : null,
  );
  return r.matter;
}

/**
 * A report of misconduct (检举控告) against the housing bureau, with the reported unit identified and
 * the discipline body leading it: where each test of the misconduct rule starts.
 */
export async function reportAgainstHousing(ctx: AppContext, org: Org, subject: string) {
  const registrar = { kind: 'staff' as const, user: org.users.registrar };
  const m = await registerTestMatter(ctx, org, { purpose: 'accusation', isMisconductReport: true, subject });
  await matterCommands.identifyReportedUnit(ctx, registrar, m.id, { unitId: org.units.housing });
  await matterCommands.decide(ctx, registrar, m.id, { decision: 'accept', leadUnitId: org.units.discipline });
  return m;
}

/** A matter accepted by the district bureau's registrar with the given unit leading it. */
export async function acceptedMatter(
  ctx: AppContext,
  org: Org,
  leadUnitId: number,
  overrides: Partial<RegisterInput> = {},
) {
  const m = await registerTestMatter(ctx, org, overrides);
  await matterCommands.decide(ctx, { kind: 'staff', user: org.users.registrar }, m.id, {
    decision: 'accept',
    leadUnitId,
  });
  return m;
}

/** A matter the housing bureau leads and has signed for and, when asked, answered (支持). */
export async function handledMatter(ctx: AppContext, org: Org, { replied }: { replied: boolean }) {
  const m = await acceptedMatter(ctx, org, org.units.housing);
  await matterCommands.signFor(ctx, { kind: 'staff', user: org.users.officer }, m.id);
  if (replied)
    await matterCommands.reply(ctx, { kind: 'staff', user: org.users.head }, m.id, {
      outcome: 'supported',
      facts: '经核查，电梯确已停运，已责成物业公司限期维修。',
      legalBasis: '《物业管理条例》第三十五条',
    });
  return m;
}
