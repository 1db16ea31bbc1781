import type { z } from 'zod';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { IdentifyReportedUnitInput } from '../../shared/reported-unit.schema.ts';
import type { DecideInput } from '../../shared/schemas.ts';
import type { CommandHandlerArgs, CommandOutcome } from '../run-command.ts';
import { requireUnit } from './helpers.ts';

export { IdentifyReportedUnitInput };

/**
 * 条例 §20 and the rule that a reporter's identity never reaches the unit reported: until the
 * registrar has identified which unit a report of misconduct is about, any unit might be it, so the
 * report goes only to a discipline inspection body (纪检监察). Checked inside the command's
 * transaction, against the locked row.
 */
export async function assertMisconductRouting(
  args: CommandHandlerArgs,
  input: z.output<typeof DecideInput>,
): Promise<void> {
  const row = args.matter.row;
  if (!row.is_misconduct_report || row.reported_unit_id !== null) return;
  const targets: [number, string][] =
    input.decision === 'accept'
      ? [
          [input.leadUnitId, 'leadUnitId'],
          ...input.coUnitIds.map((u, i): [number, string] => [u, `coUnitIds.${i}`]),
        ]
      : input.decision === 'forward' || input.decision === 'hand_down'
        ? [[input.unitId, 'unitId']]
        : [];
  if (targets.length === 0) return;
  const kinds = new Map(
    (
      await args.trx
        .selectFrom('units')
        .select(['id', 'kind'])
        .where(
          'id',
          'in',
          targets.map(([u]) => u),
        )
        .execute()
    ).map((u) => [u.id, u.kind]),
  );
  for (const [unitId, field] of targets) {
    const kind = kinds.get(unitId);
    if (kind !== undefined && kind !== 'discipline_inspection') {
      throw fieldError(
        field,
        '被反映单位尚未确认：检举控告事项只能交由纪检监察机关办理，请先确认被反映单位',
        'the reported unit is not identified yet: a report of misconduct goes only to a discipline inspection body until it is',
      );
    }
  }
}

/**
 * The registrar identifies the unit a report of misconduct is about (the portal takes it as free
 * text, kept in `target`). From then on that unit never sees the matter and is never routed to it.
 */
export async function identifyReportedUnit(
  args: CommandHandlerArgs,
  input: z.output<typeof IdentifyReportedUnitInput>,
): Promise<CommandOutcome> {
  const { trx, matter } = args;
  if (!matter.row.is_misconduct_report) {
    throw new AppError(
      'conflict',
      '只有检举控告事项需要确认被反映单位',
      'Only a report of misconduct has a reported unit to identify',
    );
  }
  const unit = await requireUnit(trx, input.unitId, 'unitId');
  if (unit.id === matter.row.reported_unit_id) {
    throw fieldError('unitId', '已确认为该单位', 'this unit is already the reported unit');
  }
  if (unit.id === matter.facts.leadUnitId || matter.facts.coUnitIds.includes(unit.id)) {
    throw fieldError(
      'unitId',
      '该单位正在办理此事项：被反映单位不得办理，请先改由其他单位办理',
      'this unit handles the matter; the unit reported never may — route the matter elsewhere first',
    );
  }
  return {
    set: { reported_unit_id: unit.id },
    events: [
      {
        kind: 'reported_unit_identified',
        public: false,
        payload: {
          unitId: unit.id,
          unitName: unit.name,
          previousUnitId: matter.row.reported_unit_id,
          petitionerText: matter.row.target,
          note: input.note ?? null,
        },
      },
    ],
  };
}
