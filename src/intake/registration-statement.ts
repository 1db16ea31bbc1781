import { sql, type Kysely } from 'kysely';
import { eventHash, GENESIS_HASH, normalizePayload } from '../audit/event-hash.ts';
import type { Actor } from '../audit/event-log.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { PlannedDeadline } from '../deadlines/plan.ts';
import type { CleanPetitioner } from './petitioners.ts';
import { bandNeighboursSql } from '../text/app/similar-matters.ts';
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
  searchText: string;
}

/**
 * Writes a registration as ONE statement: petitioners matched or created, the matter, its links,
 * its first deadline, the first event of its hash chain, the chain head and the text fingerprint.
 * One statement is one transaction, and one round trip: registration is the hot path.
 */
export async function insertRegistration(
  db: Kysely<Database>,
  m: MatterRow,
  petitioners: CleanPetitioner[],
  deadline: PlannedDeadline,
  actor: Actor,
  eventPayload: Record<string, unknown>,
  fingerprint: TextFingerprint | null,
  /** Outside a transaction, the statement runs prepared (parsed and planned once per connection). */
  handle?: DatabaseHandle,
): Promise<{ petitionerIds: number[]; neighbours: BandNeighbour[] | null }> {
  const stream = `matter:${m.id}`;
  const payload = normalizePayload(eventPayload);
  const at = m.registeredAt;
  const hash = eventHash(GENESIS_HASH, {
    stream,
    seq: 1,
    matterId: m.id,
    kind: 'registered',
    actorKind: actor.kind,
    actorId: actor.userId,
    unitId: actor.unitId,
    at,
    public: true,
    payload,
  });
  const col = <K extends keyof CleanPetitioner>(k: K) => petitioners.map((p) => p[k]);
  const textInserts = fingerprint
    ? sql`,
      sig AS (INSERT INTO matter_text_signatures (matter_id, signature) VALUES (${m.id}, ${Buffer.from(fingerprint.signature)})),
      bands AS (INSERT INTO matter_lsh_bands (band_key, matter_id)
                SELECT DISTINCT k, ${m.id}::int FROM unnest(${fingerprint.bandKeys}::bigint[]) AS k),
      nb AS (${bandNeighboursSql(fingerprint.bandKeys, m.id)})`
    : sql``;
  // The new matter's band neighbours come back with the registration, in the same round trip: the
  // statement's snapshot does not hold the matter itself. Signatures come as base64 texts joined by commas.
  const neighbourColumns = fingerprint
    ? sql`,
      (SELECT array_agg(nb.matter_id ORDER BY nb.matter_id) FROM nb) AS nb_ids,
      (SELECT array_agg(nb.hits ORDER BY nb.matter_id) FROM nb) AS nb_hits,
      (SELECT string_agg(coalesce(nb.signature, ''), ',' ORDER BY nb.matter_id) FROM nb) AS nb_signatures`
    : sql``;
  const statement = sql<Returned>`
    WITH p AS (
      SELECT t.ord, minsheng_petitioner(t.k, t.n, t.i, t.ph, t.a, ${at}::timestamptz) AS id, t.r AS rep
      FROM unnest(${col('kind')}::text[], ${col('name')}::text[], ${col('idNumber')}::text[], ${col('phone')}::text[],
                  ${col('address')}::text[], ${col('isRepresentative')}::bool[]) WITH ORDINALITY AS t(k, n, i, ph, a, r, ord)
    ),
    m AS (
      INSERT INTO matters (id, case_number, query_code, channel, purpose, category_code, subject, content, region_code,
        lodged_level, target, reported_unit_id, is_misconduct_report, head_count, is_collective, state,
        registering_unit_id, registered_by, received_at, registered_at, handed_down_from, external_due_date, search_text)
      VALUES (${m.id}, ${m.caseNumber}, ${m.queryCode}, ${m.channel}, ${m.purpose}, ${m.categoryCode}, ${m.subject},
        ${m.content}, ${m.regionCode}, ${m.lodgedLevel}, ${m.target}, ${m.reportedUnitId}, ${m.isMisconduct},
        ${m.headCount}, ${m.isCollective}, 'registered', ${m.registeringUnitId}, ${m.registeredBy}, ${m.receivedAt},
        ${m.registeredAt}, ${m.handedDownFrom}, ${m.externalDueDate}::date, ${m.searchText})
    ),
    mp AS (
      INSERT INTO matter_petitioners (matter_id, petitioner_id, is_representative) SELECT ${m.id}, p.id, p.rep FROM p
    ),
    d AS (
      INSERT INTO deadlines (matter_id, kind, main, unit_id, starts_at, due_at, due_date, warn_at)
      VALUES (${m.id}, ${deadline.kind}, true, ${m.registeringUnitId}, ${deadline.startsAt}, ${deadline.dueAt},
        ${deadline.dueDate}::date, ${deadline.warnAt})
    ),
    e AS (
      INSERT INTO events (stream, seq, matter_id, kind, actor_kind, actor_id, unit_id, at, public, payload, prev_hash, hash)
      VALUES (${stream}, 1, ${m.id}, 'registered', ${actor.kind}, ${actor.userId}, ${actor.unitId}, ${at}, true,
        ${JSON.stringify(payload)}::jsonb, ${GENESIS_HASH}, ${hash})
    ),
    h AS (INSERT INTO audit_heads (stream, seq, hash) VALUES (${stream}, 1, ${hash}))${textInserts}
    SELECT (SELECT array_agg(p.id ORDER BY p.ord) FROM p) AS ids${neighbourColumns}`;
  let row: Returned;
  if (handle) {
    const compiled = statement.compile(db);
    const rows = await handle.prepared<Returned>(
      fingerprint ? 'minsheng_register_fp' : 'minsheng_register',
      compiled.sql,
      compiled.parameters,
    );
    row = rows[0]!;
  } else {
    row = (await statement.execute(db)).rows[0]!;
  }
  return { petitionerIds: row.ids, neighbours: fingerprint ? neighboursOf(row) : null };
}

interface Returned {
  ids: number[];
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
