import type { AppContext } from '../app/context.ts';
import { openAccountability, respondToAccountability } from '../assessment/accountability.commands.ts';
import { freezeScorecard } from '../assessment/frozen.commands.ts';
import { createLetter, issueLetter, signLetter } from '../assessment/letter.commands.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf, startOfLocalDay } from '../calendar/zoned.ts';
import { AppError } from '../errors/app-error.ts';
import type { DemoOrg, UnitKey } from './org.ts';

/**
 * Issue 14 item 4 in the demo, through the real commands: last year's and this year's responsibility
 * letters of five district departments (issued by the bureau's supervisor, signed by the unit's head
 * where the demo has one, else recorded by the bureau as signed on paper), last year's scorecard
 * frozen in early January, and one accountability record (书面检查) the labour bureau has answered.
 * The letters are the source of those units' targets; seedTargets keeps only the bureau's own.
 */
export const LETTER_UNITS: UnitKey[] = ['housing', 'labour', 'transport', 'environment', 'market'];

const at = (date: string, hour: number) => new Date(startOfLocalDay(date).getTime() + hour * 3_600_000);
const earliest = (a: Date, b: Date) => (a < b ? a : b);

export async function seedAssessment(ctx: AppContext, org: DemoOrg, now: Date, problems: string[]) {
  const supervisor = org.users.get('supervisor');
  const leader = org.users.get('leader');
  if (!supervisor || !leader) return;
  const heads = [...org.users.values()].filter((u) => u.roles.includes('unit_head'));
  const year = Number(localDateOf(now).slice(0, 4));
  const attempt = async (what: string, run: () => Promise<unknown>) => {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push(`${what}: ${err.code}: ${err.messageEn}`);
      return null;
    }
  };
  const by = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const when = (t: Date): AppContext => ({ ...ctx, clock: () => new Date(t.getTime()) });

  for (const y of [year - 1, year]) {
    const t = earliest(now, at(`${y}-01-15`, 9));
    const c = when(t);
    for (const [i, key] of LETTER_UNITS.entries()) {
      const unitId = org.units[key];
      const head = heads.find((u) => u.unit.id === unitId);
      await attempt(`letter ${y} ${key}`, async () => {
        const l = await createLetter(c, by(supervisor), {
          unitId,
          year: y,
          docNumber: `南信字〔${y}〕${i + 1}号`,
          targets: [
            { indicator: 'on_time_acceptance', target: 0.98 },
            { indicator: 'on_time_completion', target: 0.95 + (i % 3) * 0.01 },
            { indicator: 'satisfaction', target: 0.85 + (i % 2) * 0.05 },
            { indicator: 'rating_rate', target: 0.8 },
            { indicator: 'repeat_rate', target: 0.05 },
          ],
          bureauSignatory: { name: leader.displayName, title: '南山区信访局局长' },
        });
        await issueLetter(c, by(supervisor), l.id, {});
        await signLetter(c, by(head ?? supervisor), l.id, {
          signedOn: localDateOf(t),
          unitSignatory: {
            name: head?.displayName ?? '单位主要负责人',
            title: `${org.unitNames[key]}主要负责人`,
          },
        });
      });
    }
  }

  const frozenAt = earliest(now, at(`${year}-01-05`, 9));
  const frozen = (await attempt('freeze last year', () =>
    freezeScorecard(when(frozenAt), by(supervisor), { year: year - 1 }),
  )) as { id: number } | null;

  const labourHead = heads.find((u) => u.unit.id === org.units.labour);
  const cited = await ctx.db
    .selectFrom('matter_units as mu')
    .innerJoin('matters as m', 'm.id', 'mu.matter_id')
    .select('m.id')
    .where('mu.unit_id', '=', org.units.labour)
    .where('mu.role', '=', 'lead')
    .where('mu.released_at', 'is', null)
    .where('m.is_misconduct_report', '=', false)
    .orderBy('m.id')
    .limit(2)
    .execute();
  if (!labourHead) return;
  // After the freeze, so the record may cite the frozen scorecard of the year before.
  const sixDaysAgo = new Date(now.getTime() - 6 * 86_400_000);
  const opened = sixDaysAgo > frozenAt ? sixDaysAgo : frozenAt;
  await attempt('accountability', async () => {
    const a = await openAccountability(when(opened), by(supervisor), {
      unitId: org.units.labour,
      kind: 'self_examination',
      failure: '欠薪类信访事项办理超期较多，上年度按期办结率未达到责任书目标。',
      demand: '十个工作日内提交书面检查，说明超期原因并提出整改措施。',
      matterIds: cited.map((m) => m.id),
      figures: [
        {
          indicator: 'on_time_completion',
          from: `${year - 1}-01-01`,
          to: `${year - 1}-12-31`,
          ...(frozen ? { frozenScorecardId: frozen.id } : {}),
        },
      ],
    });
    const answered = earliest(now, new Date(opened.getTime() + 3 * 86_400_000));
    await respondToAccountability(when(answered), by(labourHead), a.id, {
      response:
        '书面检查：本局对欠薪类事项的办理时限重视不够，部分事项协调用人单位耗时过长。' +
        '整改措施：建立超期预警台账，每周由分管领导调度；涉及多部门的事项提请联席会议协调。',
    });
  });
}
