import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import {
  REQUEST_COMMAND_LABELS,
  REQUEST_STATE_LABELS,
  SESSION_COMMAND_LABELS,
  SESSION_STATE_LABELS,
} from '../shared/reception-labels.ts';
import {
  canRunRequest,
  canRunSession,
  canSeeRequest,
  canSeeSession,
  type RequestFacts,
  type SessionFacts,
} from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import { REQUEST_WORKFLOW, SESSION_WORKFLOW } from './reception.workflow.ts';

type Db = Kysely<Database>;

export interface SessionExtra {
  facts: SessionFacts;
  session: Awaited<ReturnType<typeof sessionRow>>;
}
export type LockedSession = LockedCase<SessionExtra>;

const sessionRow = (db: Db, caseId: number) =>
  db.selectFrom('reception_sessions').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();

/** What a session's rules and handlers read beside its case row. */
export async function loadSession(db: Db, row: CaseRow): Promise<SessionExtra> {
  const session = await sessionRow(db, row.id);
  const matter = session.matter_id === null ? null : await matterFactsOf(db, session.matter_id);
  return {
    session,
    facts: { regionCode: row.region_code, unitId: row.unit_id, leaderId: session.leader_id, matter },
  };
}

export const SESSION_BINDING = casesTableBinding({
  workflow: SESSION_WORKFLOW,
  noun: CASE_TYPE_LABELS.reception_session,
  stateLabels: SESSION_STATE_LABELS,
  commandLabels: SESSION_COMMAND_LABELS,
  load: loadSession,
  canSee: (user, c) => canSeeSession(user, c.extra.facts),
  canRun: (user, command, c) => canRunSession(user, command, c.extra.facts),
});

export interface RequestExtra {
  facts: RequestFacts;
  request: Awaited<ReturnType<typeof requestRow>>;
}
export type LockedRequest = LockedCase<RequestExtra>;

const requestRow = (db: Db, caseId: number) =>
  db.selectFrom('appointment_requests').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();

export async function loadRequest(db: Db, row: CaseRow): Promise<RequestExtra> {
  const request = await requestRow(db, row.id);
  const matter = request.matter_id === null ? null : await matterFactsOf(db, request.matter_id);
  return { request, facts: { regionCode: row.region_code, unitId: row.unit_id, matter } };
}

export const REQUEST_BINDING = casesTableBinding({
  workflow: REQUEST_WORKFLOW,
  noun: CASE_TYPE_LABELS.appointment_request,
  stateLabels: REQUEST_STATE_LABELS,
  commandLabels: REQUEST_COMMAND_LABELS,
  load: loadRequest,
  canSee: (user, c) => canSeeRequest(user, c.extra.facts),
  canRun: (user, command, c) => canRunRequest(user, command, c.extra.facts),
});
