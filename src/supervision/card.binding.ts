import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import { CARD_COMMAND_LABELS, CARD_STATE_LABELS, CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import type { CardLevel } from '../shared/supervision.schema.ts';
import { canRunCard, canSeeCard, type CardFacts } from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import { CARD_WORKFLOW } from './card.workflow.ts';

export interface CardExtra {
  facts: CardFacts;
  /** The card's matters as its views name them, in the order of `facts.matters`. */
  matters: { id: number; caseNumber: string; subject: string }[];
  level: CardLevel;
  answerBy: string;
  escalations: number;
}
export type LockedCard = LockedCase<CardExtra>;

/** What a card's rules and handlers read beside its case row. */
export async function loadCard(db: Kysely<Database>, row: CaseRow): Promise<CardExtra> {
  const matters = await db
    .selectFrom('supervision_card_matters as cm')
    .innerJoin('matters as m', 'm.id', 'cm.matter_id')
    .selectAll('m')
    .where('cm.case_id', '=', row.id)
    .orderBy('m.id')
    .execute();
  const facts = await Promise.all(matters.map(async (m) => (await matterFacts(db, m)).facts));
  const card = await db
    .selectFrom('supervision_cards')
    .selectAll()
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return {
    matters: matters.map((m) => ({ id: m.id, caseNumber: m.case_number, subject: m.subject })),
    facts: {
      matters: facts,
      issuerUnitId: row.unit_id,
      targetUnitId: card.target_unit_id,
      answered: card.answered_at !== null,
    },
    level: card.level,
    answerBy: card.answer_by,
    escalations: card.escalations,
  };
}

export const CARD_BINDING = casesTableBinding({
  workflow: CARD_WORKFLOW,
  noun: CASE_TYPE_LABELS.supervision_card,
  stateLabels: CARD_STATE_LABELS,
  commandLabels: CARD_COMMAND_LABELS,
  load: loadCard,
  canSee: (user, c) => canSeeCard(user, c.extra.facts),
  canRun: (user, command, c) => canRunCard(user, command, c.extra.facts),
});
