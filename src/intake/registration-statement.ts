import { sql, type Kysely } from 'kysely';
import { eventHash, GENESIS_HASH, normalizePayload } from '../audit/event-hash.ts';
import type { Actor } from '../audit/event-log.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { PlannedDeadline } from '../deadlines/plan.ts';
import type { CleanPetitioner } from './petitioners.ts';
import { bandNeighboursSql } from '../text/app/similar-matters.ts';
import { NUM_BANDS } from '../text/similarity/minhash.ts';
import type { BandNeighbour, TextFingerprint } from './text-hooks.ts';

export interface MatterRow {
  id: number;
  caseNumber: string;
  queryCode: string;
  channel: string;
  purpose: string;
  categoryCode: string | null;
  subject: string;
  content: string;
  regionCode: string;
  lodgedLevel: string;
  target: string | null;
  reportedUnitId: number | null;
  isMisconduct: boolean;
  headCount: number;
  isCollective: boolean;
  registeringUnitId: number;
  registeredBy: number | null;
  receivedAt: Date;
  registeredAt: Date;
  handedDownFrom: string | null;
  externalDueDate: string | null;
  /** The reception session the matter was registered at (migration 0037). */
  receptionSessionId: number | null;
  searchText: string;
}

/** One registration as the statement writes it. */
export interface RegistrationWrite {
  matter: MatterRow;
  petitioners: CleanPetitioner[];
  deadline: PlannedDeadline;
  actor: Actor;
  eventPayload: Record<string, unknown>;
  fingerprint: TextFingerprint | null;
}

export interface RegistrationWritten {
  petitionerIds: number[];
  /** The matter's band neighbours, null when it has no fingerprint. */
  neighbours: BandNeighbour[] | null;
}

/** The statement's name on PostgreSQL, where it is prepared once per connection. */
export const REGISTRATION_STATEMENT = 'minsheng_register_v3';

/**
 * Writes registrations as ONE statement: for each, petitioners matched or created, the matter, its
 * links, its first deadline, the first event of its hash chain, the chain head and the text
 * fingerprint. One statement is one transaction and one round trip; registration is the hot path,
 * and under load several registrations share a statement (see registration-batcher.ts). Every
 * value travels in an array parameter, so the text is the same for any number of registrations and
 * is parsed and planned once per connection.
 */
export async function insertRegistrations(
  db: Kysely<Database>,
  writes: readonly RegistrationWrite[],
  /** Outside a transaction, the statement runs prepared. */
  handle?: DatabaseHandle,
): Promise<RegistrationWritten[]> {
  const matters = writes.map((w) => w.matter);
  const mcol = <K extends keyof MatterRow>(k: K) => matters.map((m) => m[k]);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  // Petitioners of all registrations, ordered by who they are: concurrent statements then take the
  // people's index entries in the same order and cannot deadlock on them.
  const people = writes
    .flatMap((w) => w.petitioners.map((p, i) => ({ p, i, matterId: w.matter.id, at: w.matter.registeredAt })))
    .sort((a, b) => personKey(a.p).localeCompare(personKey(b.p)) || a.matterId - b.matterId || a.i - b.i);
  const pcol = <K extends keyof CleanPetitioner>(k: K) => people.map((x) => x.p[k]);

  const events = writes.map((w) => {
    const payload = normalizePayload(w.eventPayload);
    const stream = `matter:${w.matter.id}`;
    const at = w.matter.registeredAt;
    const hash = eventHash(GENESIS_HASH, {
      stream,
      seq: 1,
      matterId: w.matter.id,
      kind: 'registered',
      actorKind: w.actor.kind,
      actorId: w.actor.userId,
      unitId: w.actor.unitId,
      at,
      public: true,
      payload,
    });
    return { stream, hash, payload: JSON.stringify(payload), actor: w.actor, at };
  });

  const printed = writes.filter((w) => w.fingerprint);
  // Each matter's keys are a slice of one array parameter: every fingerprint must have them all.
  if (printed.some((w) => w.fingerprint!.bandKeys.length !== NUM_BANDS))
    throw new Error(`a text fingerprint must carry ${NUM_BANDS} band keys`);
  const bandIds = printed.flatMap((w) => w.fingerprint!.bandKeys.map(() => w.matter.id));
  const bandKeys = printed.flatMap((w) => w.fingerprint!.bandKeys);

  const statement = sql<Returned>`
    WITH mi AS (
      SELECT * FROM unnest(${mcol('id')}::int[], ${mcol('caseNumber')}::text[], ${mcol('queryCode')}::text[],
        ${mcol('channel')}::text[], ${mcol('purpose')}::text[], ${mcol('categoryCode')}::text[], ${mcol('subject')}::text[],
        ${mcol('content')}::text[], ${mcol('regionCode')}::text[], ${mcol('lodgedLevel')}::text[], ${mcol('target')}::text[],
        ${mcol('reportedUnitId')}::int[], ${mcol('isMisconduct')}::bool[], ${mcol('headCount')}::int[],
        ${mcol('isCollective')}::bool[], ${mcol('registeringUnitId')}::int[], ${mcol('registeredBy')}::int[],
        ${matters.map((m) => iso(m.receivedAt))}::timestamptz[], ${matters.map((m) => iso(m.registeredAt))}::timestamptz[],
        ${mcol('handedDownFrom')}::text[], ${mcol('externalDueDate')}::date[], ${mcol('searchText')}::text[],
        ${mcol('receptionSessionId')}::int[])
        AS t(id, case_number, query_code, channel, purpose, category_code, subject, content, region_code, lodged_level,
             target, reported_unit_id, is_misconduct_report, head_count, is_collective, registering_unit_id,
             registered_by, received_at, registered_at, handed_down_from, external_due_date, search_text,
             reception_session_id)
    ),
    p AS (
      SELECT t.ord, t.pos, t.matter_id, minsheng_petitioner(t.k, t.n, t.i, t.ph, t.a, t.at) AS id, t.r AS rep
      FROM unnest(${people.map((x) => x.matterId)}::int[], ${pcol('kind')}::text[], ${pcol('name')}::text[],
                  ${pcol('idNumber')}::text[], ${pcol('phone')}::text[], ${pcol('address')}::text[],
                  ${pcol('isRepresentative')}::bool[], ${people.map((x) => x.i)}::int[],
                  ${people.map((x) => iso(x.at))}::timestamptz[])
        WITH ORDINALITY AS t(matter_id, k, n, i, ph, a, r, pos, at, ord)
    ),
    m AS (
      INSERT INTO matters (id, case_number, query_code, channel, purpose, category_code, subject, content, region_code,
        lodged_level, target, reported_unit_id, is_misconduct_report, head_count, is_collective, state,
        registering_unit_id, registered_by, received_at, registered_at, handed_down_from, external_due_date, search_text,
        reception_session_id)
      SELECT id, case_number, query_code, channel, purpose, category_code, subject, content, region_code,
        lodged_level, target, reported_unit_id, is_misconduct_report, head_count, is_collective, 'registered',
        registering_unit_id, registered_by, received_at, registered_at, handed_down_from, external_due_date, search_text,
        reception_session_id
      FROM mi
    ),
    mp AS (
      INSERT INTO matter_petitioners (matter_id, petitioner_id, is_representative, position)
      SELECT p.matter_id, p.id, p.rep, p.pos FROM p
    ),
    d AS (
      INSERT INTO deadlines (matter_id, kind, main, unit_id, starts_at, due_at, due_date, warn_at)
      SELECT * FROM unnest(${mcol('id')}::int[], ${writes.map((w) => w.deadline.kind)}::text[],
        ${writes.map(() => true)}::bool[], ${mcol('registeringUnitId')}::int[],
        ${writes.map((w) => iso(w.deadline.startsAt))}::timestamptz[], ${writes.map((w) => iso(w.deadline.dueAt))}::timestamptz[],
        ${writes.map((w) => w.deadline.dueDate)}::date[], ${writes.map((w) => iso(w.deadline.warnAt))}::timestamptz[])
    ),
    e AS (
      INSERT INTO events (stream, seq, matter_id, kind, actor_kind, actor_id, unit_id, at, public, payload, prev_hash, hash)
      SELECT t.stream, 1, t.matter_id, 'registered', t.actor_kind, t.actor_id, t.unit_id, t.at, true, t.payload, ${GENESIS_HASH}, t.hash
      FROM unnest(${events.map((e) => e.stream)}::text[], ${mcol('id')}::int[], ${events.map((e) => e.actor.kind)}::text[],
        ${events.map((e) => e.actor.userId)}::int[], ${events.map((e) => e.actor.unitId)}::int[],
        ${events.map((e) => iso(e.at))}::timestamptz[], ${events.map((e) => e.payload)}::jsonb[], ${events.map((e) => e.hash)}::text[])
        AS t(stream, matter_id, actor_kind, actor_id, unit_id, at, payload, hash)
    ),
    h AS (
      INSERT INTO audit_heads (stream, seq, hash)
      SELECT t.stream, 1, t.hash FROM unnest(${events.map((e) => e.stream)}::text[], ${events.map((e) => e.hash)}::text[]) AS t(stream, hash)
    ),
    fp AS (
      SELECT * FROM unnest(${printed.map((w) => w.matter.id)}::int[],
        ${printed.map((w) => Buffer.from(w.fingerprint!.signature).toString('base64'))}::text[]) WITH ORDINALITY AS t(matter_id, signature, ord)
    ),
    sig AS (INSERT INTO matter_text_signatures (matter_id, signature) SELECT fp.matter_id, decode(fp.signature, 'base64') FROM fp),
    bands AS (
      INSERT INTO matter_lsh_bands (band_key, matter_id)
      SELECT DISTINCT t.k, t.matter_id FROM unnest(${bandKeys}::bigint[], ${bandIds}::int[]) AS t(k, matter_id)
    ),
    nb AS (
      SELECT fp.matter_id AS for_id, c.*
      FROM fp CROSS JOIN LATERAL (${bandNeighboursSql(
        sql`(${bandKeys}::bigint[])[(fp.ord - 1) * ${sql.lit(NUM_BANDS)} + 1 : fp.ord * ${sql.lit(NUM_BANDS)}]`,
        null,
      )}) c
    )
    SELECT mi.id,
      (SELECT array_agg(p.id ORDER BY p.pos) FROM p WHERE p.matter_id = mi.id) AS ids,
      (SELECT array_agg(nb.matter_id ORDER BY nb.matter_id) FROM nb WHERE nb.for_id = mi.id) AS nb_ids,
      (SELECT array_agg(nb.hits ORDER BY nb.matter_id) FROM nb WHERE nb.for_id = mi.id) AS nb_hits,
      (SELECT string_agg(coalesce(nb.signature, ''), ',' ORDER BY nb.matter_id) FROM nb WHERE nb.for_id = mi.id) AS nb_signatures
    FROM mi`;
  let rows: Returned[];
  if (handle) {
    const compiled = statement.compile(db);
    rows = await handle.prepared<Returned>(REGISTRATION_STATEMENT, compiled.sql, compiled.parameters);
  } else {
    rows = (await statement.execute(db)).rows;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return writes.map((w, j) => {
    const row = byId.get(w.matter.id);
    if (!row) throw new Error(`registration statement returned no row for matter ${w.matter.id}`);
    if (!w.fingerprint) return { petitionerIds: row.ids ?? [], neighbours: null };
    return {
      petitionerIds: row.ids ?? [],
      neighbours: [...neighboursOf(row), ...neighboursInBatch(writes, j)].sort(
        (a, b) => a.matterId - b.matterId,
      ),
    };
  });
}

/**
 * The statement's snapshot does not hold the registrations written with it, so a petition re-sent
 * while its first copy is in the same statement would find no neighbour there. Registrations
 * earlier in the batch are compared here, as if they had been written one after the other.
 */
function neighboursInBatch(writes: readonly RegistrationWrite[], j: number): BandNeighbour[] {
  const own = new Set(writes[j]!.fingerprint!.bandKeys);
  const found: BandNeighbour[] = [];
  for (const earlier of writes.slice(0, j)) {
    if (!earlier.fingerprint) continue;
    const hits = new Set(earlier.fingerprint.bandKeys.filter((k) => own.has(k))).size;
    if (hits > 0) found.push({ matterId: earlier.matter.id, hits, signature: earlier.fingerprint.signature });
  }
  return found;
}

/** One registration: the same statement with one row. */
export async function insertRegistration(
  db: Kysely<Database>,
  write: RegistrationWrite,
  handle?: DatabaseHandle,
): Promise<RegistrationWritten> {
  return (await insertRegistrations(db, [write], handle))[0]!;
}

function personKey(p: CleanPetitioner): string {
  return p.idNumber ? `i${p.idNumber}` : p.phone ? `p${p.name}|${p.phone}` : `n${p.name}`;
}

interface Returned {
  id: number;
  ids: number[] | null;
  nb_ids?: number[] | null;
  nb_hits?: number[] | null;
  nb_signatures?: string | null;
}
function neighboursOf(row: Returned): BandNeighbour[] {
  const ids = row.nb_ids ?? [];
  const hits = row.nb_hits ?? [];
  const signatures = row.nb_signatures ? row.nb_signatures.split(',') : [];
  if (ids.length === 0 || signatures.length !== ids.length) return [];
  return ids.map((matterId, i) => ({
    matterId,
    hits: hits[i] ?? 0,
    signature: Buffer.from(signatures[i]!, 'base64'),
  }));
}
