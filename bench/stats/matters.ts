import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { withTransaction } from '../../src/app/transaction.ts';
import type { Db, Trx } from '../../src/db/database.ts';
import type { Place } from './org.ts';

/**
 * Bulk generation of matters and what hangs off them (lead units, deadlines, replies, ratings,
 * review decisions, follow-ups and supervision cards), set-based: each chunk of ids is drawn once into a scratch table (bench_gen),
 * from which every table's rows are inserted by one statement each. Nothing goes row by row.
 *
 * The mix, over 2024-01-01 (Beijing) to now, received_at rising with the id as registration does:
 * - place: 80 % a township, 15 % a county, 4 % a city, 1 % the province;
 * - lodged level: township 25 %, county 45 %, city 18 %, province 9 %, national 3 %, never below
 *   the place's own level; registered by the bureau (or township government) of that level;
 * - channel: letter 25 %, visit 20 % (12 % of visits collective, 5–60 people), phone 17 %, web 25 %,
 *   leader mailbox 6 %, handed down 3 %, outreach 2 %, screening 2 %;
 * - 3 % reports of misconduct (letters and web, discipline categories, led by the discipline body,
 *   the reported unit identified in 80 %); 8 % repeats of an earlier matter, and every merged one;
 * - states by age: recent ones registered or in handling, old ones mostly closed, some still open
 *   (the backlog), forwarded, handed down, not accepted, merged; acceptance 93 % within 15 days,
 *   replies 90 % within the limit (5 % extended by 15–30 days); 65 % of replies rated.
 */

/** The first day counted: 2024-01-01 in Beijing. */
export const FIRST_DAY = '2024-01-01';
const T0 = '2024-01-01T00:00:00+08:00';

/** Level-one categories by share of matters (per mille); a category with children is filed under one in 70 %. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  urban_construction: 200,
  labour_social_security: 120,
  political_legal: 90,
  land_resources: 80,
  environment: 80,
  transport: 60,
  education_culture: 60,
  health: 50,
  civil_affairs: 50,
  commerce_tourism: 50,
  agriculture: 40,
  party_government: 30,
  economy: 30,
  personnel: 20,
  discipline: 20,
  science_it: 10,
  other: 10,
};

/** State mix by the matter's age in days: [age below, [[state, share], ...]]; the last bucket takes the rest. */
const STATE_MIX: [number, [string, number][]][] = [
  [
    15,
    [
      ['registered', 0.35],
      ['accepted', 0.1],
      ['in_handling', 0.35],
      ['forwarded', 0.07],
      ['handed_down', 0.04],
      ['not_accepted', 0.05],
      ['merged', 0.04],
    ],
  ],
  [
    75,
    [
      ['in_handling', 0.55],
      ['suspended', 0.02],
      ['replied', 0.18],
      ['evaluated', 0.08],
      ['forwarded', 0.06],
      ['handed_down', 0.04],
      ['not_accepted', 0.05],
      ['merged', 0.02],
    ],
  ],
  [
    150,
    [
      ['in_handling', 0.06],
      ['replied', 0.1],
      ['evaluated', 0.14],
      ['review_requested', 0.02],
      ['reviewed', 0.01],
      ['closed', 0.45],
      ['forwarded', 0.07],
      ['handed_down', 0.05],
      ['not_accepted', 0.07],
      ['merged', 0.03],
    ],
  ],
  [
    Infinity,
    [
      ['closed', 0.605],
      ['evaluated', 0.08],
      ['replied', 0.01],
      ['review_requested', 0.005],
      ['reviewed', 0.015],
      ['recheck_requested', 0.005],
      ['rechecked', 0.005],
      ['concluded', 0.02],
      ['in_handling', 0.01],
      ['suspended', 0.005],
      ['forwarded', 0.08],
      ['handed_down', 0.05],
      ['not_accepted', 0.08],
      ['merged', 0.03],
    ],
  ],
];

const ACCEPT_PATH = [
  'accepted',
  'in_handling',
  'suspended',
  'replied',
  'evaluated',
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'closed',
  'concluded',
];
const REPLIED = ACCEPT_PATH.slice(3);
const REVIEWED = ['reviewed', 'recheck_requested', 'rechecked', 'concluded'];
const RECHECKED = ['rechecked', 'concluded'];
const RATABLE = ['closed', 'review_requested', 'reviewed', 'recheck_requested', 'rechecked', 'concluded'];

const TOPICS = [
  '小区电梯长期停运',
  '夜间施工噪声扰民',
  '物业乱收费',
  '公交线路调整',
  '拖欠农民工工资',
  '学位分配不公',
  '征地补偿标准',
  '违建未予拆除',
  '企业排污',
  '医疗费用报销',
  '社保关系转移',
  '低保资格认定',
  '道路积水',
  '停车位被占用',
  '房屋质量问题',
];
const DETAILS = [
  '已经持续三个月，多次向物业和社区反映无果，老人和孩子深受影响，请求有关部门尽快处理。',
  '反映人称问题长期得不到解决，希望有关部门依法依规查处并书面答复。',
  '涉及群众较多，情绪较大，请求上级部门督促属地尽快协调解决。',
  '反映人提供了相关照片和书面材料，要求核实情况并给予合理补偿。',
];

// The generator's SQL is assembled from constants of this file only: literals are written inline.
const literals = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const list = (values: readonly string[]) => sql.raw(literals(values));
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} IN (${literals(values)})`);

/** A CASE choosing a value by a uniform random number `r` with the given shares (the last takes the rest). */
function chooseSql(r: string, options: [string, number][]): string {
  let acc = 0;
  const arms = options.slice(0, -1).map(([value, share]) => {
    acc += share;
    return `WHEN ${r} < ${acc.toFixed(4)} THEN '${value}'`;
  });
  return `CASE ${arms.join(' ')} ELSE '${options[options.length - 1]![0]}' END`;
}
const choose = (r: string, options: [string, number][]) => sql.raw(chooseSql(r, options));

/** The state by the matter's age (s1.age_days) and its draw (s1.r_state). */
function stateCase(): RawBuilder<string> {
  const arms = STATE_MIX.map(([below, mix]) => {
    const pick = chooseSql('s1.r_state', mix);
    return Number.isFinite(below) ? `WHEN s1.age_days < ${below} THEN ${pick}` : `ELSE ${pick}`;
  });
  return sql.raw(`CASE ${arms.join(' ')} END`);
}

/** Expressions for a limit of `days` calendar days from `start`: the Beijing due date and its last instant. */
const dueDate = (start: string, days: string) =>
  `((${start} AT TIME ZONE 'Asia/Shanghai')::date + (${days}))`;
const dueAt = (start: string, days: string) =>
  `((${dueDate(start, days)} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' - interval '1 second')`;
const days = (expr: string) => `make_interval(secs => (${expr}) * 86400)`;

export interface GenerateOptions {
  n: number;
  chunk: number;
  now: Date;
  log: (line: string) => void;
}

/** The category codes to draw from, weighted (1,000 slots), and the discipline ones for misconduct reports. */
async function categoryPool(db: Db): Promise<{ pool: string[]; discipline: string[] }> {
  const cats = await db.selectFrom('categories').select(['code', 'parent_code', 'level']).execute();
  const pool: string[] = [];
  for (const [code, weight] of Object.entries(CATEGORY_WEIGHTS)) {
    const children = cats.filter((c) => c.parent_code === code).map((c) => c.code);
    for (let i = 0; i < weight; i++)
      pool.push(children.length > 0 && i % 10 >= 3 ? children[i % children.length]! : code);
  }
  const discipline = cats.filter((c) => c.parent_code === 'discipline').map((c) => c.code);
  return { pool, discipline: discipline.length > 0 ? discipline : ['discipline'] };
}

async function createScratch(db: Trx, places: Place[]): Promise<Record<Place['kind'], number>> {
  await sql`DROP TABLE IF EXISTS bench_places, bench_gen`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE bench_places (
      kind text NOT NULL, idx integer NOT NULL, code text NOT NULL, township_gov integer,
      county_bureau integer, city_bureau integer, province_bureau integer NOT NULL,
      departments integer[] NOT NULL, upper_departments integer[] NOT NULL, discipline integer NOT NULL,
      PRIMARY KEY (kind, idx))`.execute(db);
  const counts: Record<Place['kind'], number> = { township: 0, county: 0, city: 0, province: 0 };
  const rows = places.map((p) => {
    counts[p.kind] += 1;
    return sql`(${p.kind}, ${counts[p.kind]}, ${p.code}, ${p.townshipGov}::int, ${p.countyBureau}::int,
      ${p.cityBureau}::int, ${p.provinceBureau}::int, ${sql.raw(`ARRAY[${p.departments.join(',')}]::int[]`)},
      ${sql.raw(`ARRAY[${p.upperDepartments.join(',')}]::int[]`)}, ${p.discipline}::int)`;
  });
  for (let i = 0; i < rows.length; i += 1000)
    await sql`INSERT INTO bench_places VALUES ${sql.join(rows.slice(i, i + 1000))}`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE bench_gen (
      id integer PRIMARY KEY, region_code text, channel text, purpose text, category_code text,
      lodged_level text, registering_unit_id integer, city_bureau integer, province_bureau integer,
      mis boolean, reported_unit_id integer, head_count integer, is_collective boolean, state text,
      repeat_of_id integer, received_at timestamptz, registered_at timestamptz, decided_at timestamptz,
      accepted_at timestamptz, handling_days integer, extension_days integer, replied_at timestamptz,
      review_at timestamptz, recheck_at timestamptz, closed_at timestamptz, lead_unit_id integer,
      reply_outcome text, review_outcome text, recheck_outcome text, rating text)`.execute(db);
  return counts;
}

/** Draws one chunk of matters into bench_gen. */
function drawChunk(
  lo: number,
  hi: number,
  o: GenerateOptions,
  counts: Record<Place['kind'], number>,
  cats: { pool: string[]; discipline: string[] },
): RawBuilder<unknown> {
  const now = o.now.toISOString();
  const totalDays = Math.ceil((o.now.getTime() - new Date(T0).getTime()) / 86_400_000);
  const r = (name: string) => sql.raw(`random() AS ${name}`);
  const randoms = [
    'r_place',
    'r_place2',
    'r_chan',
    'r_head',
    'r_level',
    'r_purp',
    'r_cat',
    'r_state',
    'r_mis',
    'r_rep',
    'r_rep2',
    'r_tod',
    'r_tod2',
    'r_acc',
    'r_acc2',
    'r_hand',
    'r_hand2',
    'r_ext',
    'r_lead',
    'r_lead2',
    'r_rate',
    'r_rate2',
    'r_rev',
    'r_rev2',
    'r_out',
    'r_out2',
  ];
  const pick = (arr: string, r: string) => `${arr}[1 + floor(${r} * cardinality(${arr}))::int]`;
  return sql`
    INSERT INTO bench_gen
    WITH b AS MATERIALIZED (
      SELECT i, ${sql.join(randoms.map(r))} FROM generate_series(${lo}::int, ${hi}::int) AS i
    ),
    s1 AS MATERIALIZED (
      SELECT b.*, p.kind, p.code, p.township_gov, p.county_bureau, p.city_bureau, p.province_bureau, p.discipline,
        ${sql.raw(pick('p.departments', 'b.r_lead2'))} AS dept, ${sql.raw(pick('p.upper_departments', 'b.r_lead2'))} AS upper_dept,
        t.received_at, extract(epoch FROM ${now}::timestamptz - t.received_at) / 86400 AS age_days
      FROM b
      CROSS JOIN LATERAL (SELECT CASE WHEN b.r_place < 0.80 THEN 'township' WHEN b.r_place < 0.95 THEN 'county'
        WHEN b.r_place < 0.99 THEN 'city' ELSE 'province' END AS kind) k
      JOIN bench_places p ON p.kind = k.kind AND p.idx = 1 + floor(b.r_place2 * CASE k.kind
        WHEN 'township' THEN ${counts.township}::int WHEN 'county' THEN ${counts.county}::int
        WHEN 'city' THEN ${counts.city}::int ELSE ${counts.province}::int END)::int
      CROSS JOIN LATERAL (SELECT least(
        ${T0}::timestamptz + make_interval(secs => floor((b.i - 1)::float8 * ${totalDays}::int / ${o.n}::int) * 86400
          + CASE WHEN b.r_tod < 0.75 THEN 28800 + b.r_tod2 * 36000 ELSE b.r_tod2 * 86400 END),
        ${now}::timestamptz - interval '1 minute') AS received_at) t
    ),
    s2 AS MATERIALIZED (
      SELECT s1.*, s1.r_mis < 0.03 AS mis,
        greatest(CASE WHEN s1.r_level < 0.25 THEN 1 WHEN s1.r_level < 0.70 THEN 2 WHEN s1.r_level < 0.88 THEN 3
          WHEN s1.r_level < 0.97 THEN 4 ELSE 5 END,
          CASE s1.kind WHEN 'township' THEN 1 WHEN 'county' THEN 2 WHEN 'city' THEN 3 ELSE 4 END) AS lvl,
        ${stateCase()} AS state
      FROM s1
    ),
    s3 AS MATERIALIZED (
      SELECT s2.*,
        CASE WHEN s2.mis THEN CASE WHEN s2.r_chan < 0.6 THEN 'letter' ELSE 'web' END
          ELSE ${choose('s2.r_chan', [
            ['letter', 0.25],
            ['visit', 0.2],
            ['phone', 0.17],
            ['web', 0.25],
            ['leader_mailbox', 0.06],
            ['handed_down', 0.03],
            ['outreach', 0.02],
            ['screening', 0.02],
          ])} END AS channel,
        CASE WHEN s2.mis THEN 'accusation' ELSE ${choose('s2.r_purp', [
          ['request', 0.5],
          ['appeal', 0.2],
          ['suggestion', 0.1],
          ['accusation', 0.12],
          ['other', 0.08],
        ])} END AS purpose,
        CASE WHEN s2.state <> 'registered' THEN s2.received_at + least(
          ${sql.raw(days('CASE WHEN s2.r_acc < 0.93 THEN 0.2 + s2.r_acc2 * 14.5 ELSE 15.5 + s2.r_acc2 * 10 END'))},
          (${now}::timestamptz - s2.received_at) * 0.9) END AS decided_at
      FROM s2
    ),
    s4 AS MATERIALIZED (
      SELECT s3.*,
        CASE WHEN s3.channel = 'visit' THEN
          CASE WHEN s3.r_head < 0.12 THEN 5 + floor(s3.r_head / 0.12 * 56)::int ELSE 1 + floor(s3.r_head * 3)::int END
        ELSE CASE WHEN s3.r_head < 0.05 THEN 2 + floor(s3.r_head / 0.05 * 3)::int ELSE 1 END END AS head_count,
        CASE WHEN s3.purpose = 'accusation' THEN 90 ELSE 60 END AS handling_days,
        CASE WHEN ${inList('s3.state', ACCEPT_PATH)} AND s3.r_ext < 0.05 THEN 15 + floor(s3.r_ext / 0.05 * 16)::int END
          AS extension_days,
        CASE WHEN ${inList('s3.state', [...ACCEPT_PATH, 'handed_down'])} THEN s3.decided_at END AS accepted_at
      FROM s3
    ),
    s5 AS MATERIALIZED (
      SELECT s4.*,
        CASE WHEN ${inList('s4.state', REPLIED)} THEN s4.accepted_at + least(${sql.raw(
          days(`CASE WHEN s4.r_hand < 0.9
            THEN 3 + s4.r_hand2 * (s4.handling_days + coalesce(s4.extension_days, 0) - 3)
            ELSE s4.handling_days + coalesce(s4.extension_days, 0) + 1 + s4.r_hand2 * 25 END`),
        )}, (${now}::timestamptz - s4.accepted_at) * 0.9) END AS replied_at
      FROM s4
    ),
    s6 AS MATERIALIZED (
      SELECT s5.*,
        CASE WHEN ${inList('s5.state', REVIEWED)} THEN s5.replied_at + least(${sql.raw(days('40 + s5.r_rev * 20'))},
          (${now}::timestamptz - s5.replied_at) * 0.9) END AS review_at
      FROM s5
    ),
    s7 AS MATERIALIZED (
      SELECT s6.*,
        CASE WHEN ${inList('s6.state', RECHECKED)} THEN s6.review_at + least(${sql.raw(days('40 + s6.r_rev2 * 20'))},
          (${now}::timestamptz - s6.review_at) * 0.9) END AS recheck_at
      FROM s6
    )
    SELECT s.i,
      s.code,
      s.channel,
      s.purpose,
      CASE WHEN s.mis THEN (${cats.discipline}::text[])[1 + floor(s.r_cat * ${cats.discipline.length}::int)::int]
        ELSE (${cats.pool}::text[])[1 + floor(s.r_cat * ${cats.pool.length}::int)::int] END,
      (ARRAY['township', 'county', 'city', 'province', 'national'])[s.lvl],
      CASE s.lvl WHEN 1 THEN s.township_gov WHEN 2 THEN s.county_bureau WHEN 3 THEN s.city_bureau
        ELSE s.province_bureau END,
      s.city_bureau,
      s.province_bureau,
      s.mis,
      CASE WHEN s.mis AND s.r_lead < 0.8 THEN s.dept END,
      s.head_count,
      s.channel = 'visit' AND s.head_count >= 5,
      s.state,
      CASE WHEN (s.state = 'merged' OR s.r_rep < 0.08) AND s.i > 2
        THEN s.i - 1 - floor(s.r_rep2 * s.r_rep2 * least(s.i - 2, 300000))::int END,
      s.received_at,
      least(s.received_at + CASE WHEN s.channel = 'letter' THEN make_interval(secs => s.r_tod2 * 86400)
        ELSE make_interval(secs => s.r_tod2 * 1800) END, coalesce(s.decided_at, ${now}::timestamptz)),
      s.decided_at,
      s.accepted_at,
      s.handling_days,
      s.extension_days,
      s.replied_at,
      s.review_at,
      s.recheck_at,
      CASE s.state
        WHEN 'closed' THEN s.replied_at + least(interval '31 days', (${now}::timestamptz - s.replied_at) * 0.95)
        WHEN 'concluded' THEN s.recheck_at + least(interval '1 day', (${now}::timestamptz - s.recheck_at) * 0.9)
        WHEN 'not_accepted' THEN s.decided_at
        WHEN 'merged' THEN s.decided_at END,
      CASE WHEN s.state IN ('registered', 'not_accepted', 'merged') THEN NULL
        WHEN s.mis THEN s.discipline
        WHEN s.state = 'handed_down' THEN coalesce(s.township_gov, s.dept)
        WHEN s.state = 'forwarded' THEN s.dept
        WHEN s.r_lead < 0.55 THEN s.dept
        WHEN s.r_lead < 0.80 THEN coalesce(s.township_gov, s.dept)
        WHEN s.r_lead < 0.90 THEN s.upper_dept
        ELSE CASE s.lvl WHEN 1 THEN s.township_gov WHEN 2 THEN s.county_bureau WHEN 3 THEN s.city_bureau
          ELSE s.province_bureau END END,
      ${choose('s.r_out', [
        ['supported', 0.4],
        ['explained', 0.45],
        ['not_supported', 0.15],
      ])},
      CASE WHEN s.r_out2 < 0.12 THEN 'changed' ELSE 'upheld' END,
      CASE WHEN s.r_rev2 < 0.08 THEN 'changed' ELSE 'upheld' END,
      CASE WHEN s.state = 'evaluated' OR (${inList('s.state', RATABLE)} AND s.r_rate < 0.65)
        THEN ${choose('s.r_rate2', [
          ['satisfied', 0.6],
          ['basically_satisfied', 0.28],
          ['unsatisfied', 0.12],
        ])} END
    FROM s7 s`;
}

/** The statements that copy one drawn chunk from bench_gen into the application's tables. */
function copyChunk(now: Date, supervisorId: number): [string, RawBuilder<unknown>][] {
  const n = now.toISOString();
  const nowTs = sql`${n}::timestamptz`;
  const deadline = (
    kind: string,
    unit: string,
    start: string,
    limitDays: string,
    status: string,
    closedAt: string,
    where: string,
  ) =>
    sql`
      INSERT INTO deadlines (matter_id, kind, main, unit_id, starts_at, due_at, due_date, warn_at, status, closed_at)
      SELECT g.id, ${sql.raw(kind)}, true, ${sql.raw(unit)}, ${sql.raw(start)}, x.due_at, x.due_date,
        greatest(${sql.raw(start)}, x.due_at - interval '3 days'), x.status, CASE WHEN x.status <> 'open' THEN x.closed_at END
      FROM bench_gen g
      CROSS JOIN LATERAL (SELECT ${sql.raw(dueAt(start, limitDays))} AS due_at, ${sql.raw(dueDate(start, limitDays))} AS due_date) d
      CROSS JOIN LATERAL (SELECT d.due_at, d.due_date, ${sql.raw(status)} AS status, ${sql.raw(closedAt)} AS closed_at) x
      WHERE ${sql.raw(where)}`;
  const nowLit = `'${n}'::timestamptz`;
  return [
    [
      'matters',
      sql`
      INSERT INTO matters (id, case_number, query_code, channel, purpose, category_code, subject, content, region_code,
        lodged_level, target, reported_unit_id, is_misconduct_report, head_count, is_collective, state,
        registering_unit_id, received_at, registered_at, repeat_of_id, accepted_at, replied_at, closed_at,
        extension_days, search_text, lead_unit_id)
      SELECT g.id,
        left(g.region_code || '000000', 6) || '-' || to_char(g.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
          || '-' || lpad(g.id::text, 8, '0'),
        md5('q' || g.id::text),
        g.channel, g.purpose, g.category_code,
        t.topic, t.topic || '。' || t.detail, g.region_code, g.lodged_level,
        CASE WHEN g.mis THEN '某单位工作人员' END, g.reported_unit_id, g.mis, g.head_count, g.is_collective, g.state,
        g.registering_unit_id, g.received_at, g.registered_at, g.repeat_of_id, g.accepted_at, g.replied_at, g.closed_at,
        g.extension_days, t.topic || ' ' || t.detail || ' 信访人' || (g.id % 9973), g.lead_unit_id
      FROM bench_gen g
      CROSS JOIN LATERAL (SELECT
        (ARRAY[${list(TOPICS)}])[1 + (g.id::bigint * 7919) % ${sql.lit(TOPICS.length)}] AS topic,
        (ARRAY[${list(DETAILS)}])[1 + (g.id::bigint * 104729) % ${sql.lit(DETAILS.length)}] AS detail) t`,
    ],
    [
      'matter_units',
      sql`
      INSERT INTO matter_units (matter_id, unit_id, role, assigned_at, signed_at, misconduct)
      SELECT g.id, g.lead_unit_id, 'lead', g.decided_at,
        g.decided_at + least(interval '1 day', (${nowTs} - g.decided_at) * 0.5), g.mis
      FROM bench_gen g WHERE g.lead_unit_id IS NOT NULL`,
    ],
    // The acceptance decision of the registering unit (条例 §24: 15 days).
    [
      'deadlines',
      deadline(
        "'acceptance'",
        'g.registering_unit_id',
        'g.received_at',
        '15',
        "CASE g.state WHEN 'registered' THEN 'open' WHEN 'merged' THEN 'cancelled' ELSE 'met' END",
        'g.decided_at',
        'true',
      ),
    ],
    // A forwarded matter: the competent unit's own acceptance decision.
    [
      'deadlines',
      deadline(
        "'acceptance'",
        'g.lead_unit_id',
        'g.decided_at',
        '15',
        `CASE WHEN g.decided_at > ${nowLit} - interval '20 days' THEN 'open' ELSE 'met' END`,
        `g.decided_at + least(interval '5 days', (${nowLit} - g.decided_at) * 0.5)`,
        "g.state = 'forwarded'",
      ),
    ],
    // Handling (§34: 60 days, accusations 90, plus an approved extension), or the handed-down limit.
    [
      'deadlines',
      deadline(
        "CASE WHEN g.state = 'handed_down' THEN 'handed_down' WHEN g.purpose = 'accusation' THEN 'handling_accusation' " +
          "WHEN g.purpose = 'suggestion' THEN 'handling_suggestion' ELSE 'handling' END",
        'g.lead_unit_id',
        'g.accepted_at',
        'g.handling_days + coalesce(g.extension_days, 0)',
        `CASE WHEN g.replied_at IS NOT NULL THEN 'met' WHEN g.state = 'suspended' THEN 'cancelled'
        WHEN g.state = 'handed_down' AND d.due_at < ${nowLit} THEN 'met' ELSE 'open' END`,
        `coalesce(g.replied_at, g.accepted_at + (least(d.due_at, ${nowLit}) - g.accepted_at) * 0.7)`,
        `g.accepted_at IS NOT NULL`,
      ),
    ],
    // The petitioner's 30 days to ask for review (§35), opened by the reply.
    [
      'deadlines',
      deadline(
        "'review_request'",
        'NULL::int',
        'g.replied_at',
        '30',
        `CASE WHEN g.state IN ('replied', 'evaluated') AND d.due_at > ${nowLit} THEN 'open'
        WHEN g.state IN ('replied', 'evaluated', 'closed') THEN 'lapsed' ELSE 'met' END`,
        `CASE WHEN g.state IN ('replied', 'evaluated', 'closed') THEN d.due_at
        ELSE g.replied_at + least(interval '20 days', (${nowLit} - g.replied_at) * 0.9) END`,
        'g.replied_at IS NOT NULL',
      ),
    ],
    // A review or second review asked for and not yet decided.
    [
      'deadlines',
      deadline(
        "CASE WHEN g.state = 'review_requested' THEN 'review_decision' ELSE 'recheck_decision' END",
        "CASE WHEN g.state = 'review_requested' THEN coalesce(g.city_bureau, g.province_bureau) ELSE g.province_bureau END",
        `CASE WHEN g.state = 'review_requested' THEN g.replied_at + least(interval '20 days', (${nowLit} - g.replied_at) * 0.9)
        ELSE g.review_at + least(interval '20 days', (${nowLit} - g.review_at) * 0.9) END`,
        '30',
        "'open'",
        'NULL::timestamptz',
        "g.state IN ('review_requested', 'recheck_requested')",
      ),
    ],
    // Decisions get ids by matter (reply = id, review = 1e8 + id, second review = 2e8 + id), so ratings can name them.
    [
      'decisions',
      sql`
      INSERT INTO decisions (id, matter_id, kind, outcome, facts, legal_basis, unit_id, decided_at, delivered_at,
        reviewed_unit_id)
      SELECT g.id, g.id, 'reply', g.reply_outcome, '经调查核实，反映人所述情况基本属实。', '《信访工作条例》第三十二条',
        g.lead_unit_id, g.replied_at, g.replied_at + least(interval '1 day', (${nowTs} - g.replied_at) * 0.5), NULL
      FROM bench_gen g WHERE g.replied_at IS NOT NULL
      UNION ALL
      SELECT 100000000 + g.id, g.id, 'review', g.review_outcome, '经复查，原处理意见认定事实清楚。', '《信访工作条例》第三十五条',
        coalesce(g.city_bureau, g.province_bureau), g.review_at,
        g.review_at + least(interval '1 day', (${nowTs} - g.review_at) * 0.5), g.lead_unit_id
      FROM bench_gen g WHERE g.review_at IS NOT NULL
      UNION ALL
      SELECT 200000000 + g.id, g.id, 'recheck', g.recheck_outcome, '经复核，维持复查意见。', '《信访工作条例》第三十六条',
        g.province_bureau, g.recheck_at, g.recheck_at + least(interval '1 day', (${nowTs} - g.recheck_at) * 0.5),
        g.lead_unit_id
      FROM bench_gen g WHERE g.recheck_at IS NOT NULL`,
    ],
    [
      'ratings',
      sql`
      INSERT INTO ratings (matter_id, decision_id, rating, rated_at)
      SELECT g.id, g.id, g.rating, g.replied_at + least(interval '5 days', (${nowTs} - g.replied_at) * 0.95)
      FROM bench_gen g WHERE g.rating IS NOT NULL`,
    ],
    // 回访 after three replies in five (issue 13): cases get ids by matter (follow-up = id, card =
    // 1e8 + id). Most reach the petitioner; of those, most say solved.
    [
      'cases',
      sql`
      INSERT INTO cases (id, type, state, matter_id, unit_id, region_code, opened_by, opened_at)
      SELECT g.id, 'follow_up', CASE WHEN g.id % 10 = 9 THEN 'flagged' ELSE 'recorded' END, g.id,
        coalesce(g.lead_unit_id, g.registering_unit_id), g.region_code, NULL,
        g.replied_at + least(interval '2 days', (${nowTs} - g.replied_at) * 0.5)
      FROM bench_gen g WHERE g.replied_at IS NOT NULL AND g.id % 5 < 3
      UNION ALL
      SELECT 100000000 + g.id, 'supervision_card', CASE WHEN g.id % 3 = 0 THEN 'answered' ELSE 'issued' END, g.id,
        g.registering_unit_id, g.region_code, ${supervisorId}::int,
        g.accepted_at + least(interval '20 days', (${nowTs} - g.accepted_at) * 0.5)
      FROM bench_gen g WHERE g.state IN ('accepted', 'in_handling', 'suspended') AND g.id % 10 = 0`,
    ],
    [
      'follow_ups',
      sql`
      INSERT INTO follow_ups (case_id, method, reached, solved)
      SELECT g.id, 'phone', g.id % 7 <> 0,
        CASE WHEN g.id % 7 = 0 THEN NULL WHEN g.id % 10 = 9 THEN 'not_solved' WHEN g.id % 10 = 8 THEN 'partly'
          ELSE 'solved' END
      FROM bench_gen g WHERE g.replied_at IS NOT NULL AND g.id % 5 < 3`,
    ],
    [
      'supervision_cards',
      sql`
      INSERT INTO supervision_cards (case_id, target_unit_id, level, reason, demand, answer_by)
      SELECT 100000000 + g.id, g.lead_unit_id, 'normal', '超期未办结', '请报告办理情况',
        ((g.accepted_at + interval '30 days') AT TIME ZONE 'Asia/Shanghai')::date
      FROM bench_gen g WHERE g.state IN ('accepted', 'in_handling', 'suspended') AND g.id % 10 = 0`,
    ],
    [
      'supervision_card_matters',
      sql`
      INSERT INTO supervision_card_matters (case_id, matter_id)
      SELECT 100000000 + g.id, g.id
      FROM bench_gen g WHERE g.state IN ('accepted', 'in_handling', 'suspended') AND g.id % 10 = 0`,
    ],
  ];
}

/**
 * Generates `o.n` matters into an empty, migrated and seeded database whose organisation exists, one
 * transaction per chunk. Each runs with session_replication_role = replica: no trigger fires, neither
 * the foreign-key checks (the rows are consistent by construction) nor the statistics triggers (the
 * caller rebuilds the rollups afterwards), as pg_restore --disable-triggers loads a dump.
 */
export async function generateMatters(ctx: AppContext, places: Place[], o: GenerateOptions): Promise<void> {
  const cats = await categoryPool(ctx.db);
  const counts = await withTransaction(ctx, (tx) => createScratch(tx.db, places));
  // The supervision cards' issuer: a supervisor of the province's bureau (cases name their opener).
  const supervisor = await sql<{ id: number }>`
    INSERT INTO users (username, display_name, password_hash, unit_id, roles)
    SELECT 'bench-supervisor', '督查员', '!', u.id, ARRAY['supervisor'] FROM units u
    WHERE u.kind = 'petition_bureau' ORDER BY length(u.region_code), u.id LIMIT 1
    ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name
    RETURNING id`.execute(ctx.db);
  try {
    const copies = copyChunk(o.now, supervisor.rows[0]!.id);
    const spent = new Map<string, number>();
    const step = async (name: string, run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      spent.set(name, (spent.get(name) ?? 0) + performance.now() - t);
    };
    const t0 = performance.now();
    for (let lo = 1; lo <= o.n; lo += o.chunk) {
      const hi = Math.min(o.n, lo + o.chunk - 1);
      await withTransaction(ctx, async (tx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(tx.db);
        await sql`SET LOCAL synchronous_commit = off`.execute(tx.db);
        // The draw's steps are materialised: in memory, not in temporary files.
        await sql`SET LOCAL work_mem = '256MB'`.execute(tx.db);
        await sql`TRUNCATE bench_gen`.execute(tx.db);
        await step('draw', () => drawChunk(lo, hi, o, counts, cats).execute(tx.db));
        for (const [name, statement] of copies) await step(name, () => statement.execute(tx.db));
      });
      const s = (performance.now() - t0) / 1000;
      o.log(
        `  ${hi.toLocaleString('en')} matters, ${s.toFixed(0)} s (${Math.round(hi / s).toLocaleString('en')}/s)`,
      );
    }
    o.log(`  time by step: ${[...spent].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(0)} s`).join(', ')}`);
    await sql`SELECT setval('matters_id_seq', ${o.n}::int)`.execute(ctx.db);
    await sql`SELECT setval('decisions_id_seq', (SELECT max(id) FROM decisions))`.execute(ctx.db);
    await sql`SELECT setval('cases_id_seq', greatest(1, (SELECT max(id) FROM cases)))`.execute(ctx.db);
  } finally {
    await sql`DROP TABLE IF EXISTS bench_places, bench_gen`.execute(ctx.db);
  }
}
