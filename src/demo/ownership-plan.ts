import type { WorkingCalendar } from '../calendar/index.ts';
import type { MatterSpec } from './plan.ts';
import { officeTime, type ActorKey, type PlannedStep, type Timeline } from './timeline.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The demo's owned cases (领导包案): the district leader owns three difficult matters handled by
 * district departments (with 南头街道 on the team where the matter is there) — one resolved (its plan done, the written reply given, the matter
 * closed), one with a step past its date, one under way. Their steps are added to those matters'
 * timelines between signing for and the reply; no tape is drawn, so every other matter stays as it was.
 */
export function planOwnerships(
  specs: readonly MatterSpec[],
  timelines: ReadonlyMap<number, Timeline>,
  calendar: WorkingCalendar,
  now: Date,
): void {
  const eligible = specs.filter(
    (s) =>
      (s.handler === 'housing' || s.handler === 'labour') &&
      s.topic !== 'misconduct' &&
      !s.repeat &&
      timelines.get(s.key)?.steps.some((x) => x.kind === 'sign_for'),
  );
  const pick = (test: (s: MatterSpec) => boolean) => eligible.find(test);
  const chosen = [
    { spec: pick((s) => s.final === 'closed' && !s.viaReview), kind: 'resolved' as const },
    { spec: pick((s) => s.final === 'in_handling' && s.age === 'overdue'), kind: 'overdue' as const },
    { spec: pick((s) => s.final === 'in_handling' && s.age !== 'overdue'), kind: 'under_way' as const },
  ];
  for (const { spec, kind } of chosen) {
    if (!spec) continue;
    const t = timelines.get(spec.key)!;
    const signed = t.steps.find((x) => x.kind === 'sign_for')!;
    const ownAt = officeTime(new Date(signed.at.getTime() + DAY), calendar, 0.4);
    const signer: ActorKey = spec.handler === 'housing' ? 'officer' : 'labour';
    // The street office can act only on a matter of its street; otherwise the unit's head takes step two.
    const second: ActorKey =
      spec.place === 'nanshan_street' ? 'street' : spec.handler === 'housing' ? 'unithead' : 'labour';
    const at = (days: number, r: number) => officeTime(new Date(ownAt.getTime() + days * DAY), calendar, r);
    const add: PlannedStep[] = [];
    const own = (dueDays: [number, number]) =>
      add.push({
        key: spec.key,
        at: ownAt,
        kind: 'own',
        actor: 'leader',
        plan: [
          { owner: signer, dueDays: dueDays[0] },
          { owner: second, dueDays: dueDays[1] },
        ],
      });
    const report = (when: Date, step: number, done: boolean) =>
      add.push({
        key: spec.key,
        at: when,
        kind: 'own_report',
        actor: step === 0 ? signer : second,
        report: { step, done },
      });
    if (kind === 'resolved') {
      const reply = t.steps.find((x) => x.kind === 'reply');
      if (!reply) continue;
      const span = (reply.at.getTime() - ownAt.getTime()) / DAY;
      if (span < 6) continue;
      own([Math.ceil(span * 0.5) + 1, Math.ceil(span * 0.9) + 1]);
      report(at(span * 0.3, 0.2), 0, true);
      report(at(span * 0.7, 0.6), 1, true);
      add.push({
        key: spec.key,
        at: officeTime(new Date(reply.at.getTime() + 2 * HOUR), calendar, 0.5),
        kind: 'own_reply',
        actor: 'leader',
      });
    } else if (kind === 'overdue') {
      if (ownAt.getTime() + 16 * DAY > now.getTime()) continue;
      own([5, 12]);
      report(at(4, 0.3), 0, true);
      report(at(8, 0.7), 1, false);
    } else {
      const daysToNow = (now.getTime() - ownAt.getTime()) / DAY;
      if (daysToNow < 3) continue;
      own([Math.ceil(daysToNow) + 5, Math.ceil(daysToNow) + 15]);
      report(at(Math.min(2, daysToNow - 1), 0.3), 0, false);
    }
    // Steps after now (an office-hours shift past a weekend) are left out rather than run in the future.
    t.steps.push(...add.filter((x) => x.at.getTime() < now.getTime() - HOUR));
    t.steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
