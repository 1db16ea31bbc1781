/**
 * Names of concrete things petitions are about — estates, companies, roads, villages, projects —
 * found by their suffix (X小区, X公司, X路, X村 ...). No model: the suffixes are how Chinese names
 * such things, and a name seen in several petitions is what links them into one issue.
 */
import { defaultJieba } from './segment.ts';

/** What an entity names. */
export type EntityKind = 'estate' | 'organisation' | 'road' | 'place' | 'project';

/** One name found in a text. */
export interface Entity {
  /** The full name, suffix included ("杜鹃文苑", "宏达物流公司"). */
  name: string;
  kind: EntityKind;
  /** Offset of the name in the searched text. */
  start: number;
}

// Longest suffixes first so "幼儿园" wins over "园" and "街道" over "街".
// prettier-ignore
const SUFFIXES: readonly (readonly [string, EntityKind])[] = (
  [
    ['小区', 'estate'], ['花园', 'estate'], ['家园', 'estate'], ['公寓', 'estate'], ['大厦', 'estate'],
    ['新城', 'estate'], ['新村', 'estate'], ['山庄', 'estate'], ['广场', 'estate'], ['华庭', 'estate'],
    ['华府', 'estate'], ['公馆', 'estate'], ['名苑', 'estate'], ['雅苑', 'estate'], ['花苑', 'estate'],
    ['国际', 'estate'], ['苑', 'estate'], ['府', 'estate'], ['湾', 'estate'], ['城', 'estate'], ['园', 'estate'],
    ['公司', 'organisation'], ['集团', 'organisation'], ['物业', 'organisation'], ['银行', 'organisation'],
    ['医院', 'organisation'], ['卫生院', 'organisation'], ['学校', 'organisation'], ['中学', 'organisation'],
    ['小学', 'organisation'], ['幼儿园', 'organisation'], ['学院', 'organisation'], ['大学', 'organisation'],
    ['驾校', 'organisation'], ['超市', 'organisation'], ['酒店', 'organisation'], ['市场', 'organisation'],
    ['商场', 'organisation'], ['工厂', 'organisation'], ['厂', 'organisation'],
    ['大道', 'road'], ['大街', 'road'], ['高速', 'road'], ['国道', 'road'], ['路', 'road'], ['街', 'road'], ['巷', 'road'],
    ['街道', 'place'], ['社区', 'place'], ['村', 'place'], ['镇', 'place'], ['乡', 'place'], ['组', 'place'],
    ['项目', 'project'], ['工程', 'project'], ['车贷', 'project'], ['号线', 'project'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const SUFFIX_KIND = new Map<string, EntityKind>(SUFFIXES);
const SUFFIX_PATTERN = new RegExp(SUFFIXES.map(([s]) => s).join('|'));

// A name does not run across these: particles, pronouns, prepositions, and administrative markers
// (in A3区杜鹃文苑 the district is context, not part of the estate's name; in 建设局负责X项目 the bureau).
const BOUNDARY = new Set(
  '的在于是和与及对从向把被给为了我们你他她它这那到个有位请等也都就还又将让由但而或跟同并已被说问无不没省市县区局厅、'.split(
    '',
  ),
);

// Words that end like a name but are ordinary nouns ("道路", "农村", "县城").
const NOT_NAMES = new Set(
  `道路 公路 马路 铁路 线路 出路 思路 网路 电路 水路 走路 修路 过路 进路 上路 一路 沿路 全路 路路
  农村 乡村 全村 本村 我村 该村 各村 邻村 村村 城乡 乡镇 城镇 全镇 本镇 该镇 各镇 我镇 小组 村组
  县城 城市 进城 全城 老城 新城 主城 城城 省城 京城 满城 市场 城市花园
  工厂 厂厂 本厂 该厂 全厂 大学 小学 中学 学校 医院 银行 公司 集团 物业 超市 酒店 商场 学院 幼儿园
  项目 工程 小区 花园 家园 公寓 大厦 广场 国际 街道 社区 大街 高速 国道 大道 街 巷 苑 府 湾 园
  公园 校园 乐园 田园 果园 菜园 园园 家园 港湾 政府 市政府 县政府 区政府 省政府 人民政府 学府
  住宅小区 住宅项目 美好家园 建设美好家园 商业街 步行街 工业园 城中村 村民小组 农贸市场 房地产市场
  建设项目 重点建设项目 建设工程 建筑工程 公办幼儿园 普惠性幼儿园 综合医院 人民医院 中心医院
  文明城 全国文明城 卫生城 安置小区 居民小区 老旧小区 周边小区
  高速公路 快速路 断头路 水泥路 十字路 大马路 必经之路 公交线路 城际铁路
  限责任公司 有限公司 责任公司 公交公司 电力公司
  本公司 该公司 子公司 分公司 总公司 该小区 本小区 整个小区 小区小区 我们小区 附近小区 老小区 新小区
  该项目 本项目 新项目 大项目 此项目 该工程 本工程 重点工程 民生工程`.split(/\s+/),
);

// Characters after a suffix that show it is part of an ordinary word, not a name's end
// ("城市", "村民", "组织", "路口", "厂房", "工程师", "市场监管").
const BLOCKED_NEXT: ReadonlyMap<string, string> = new Map([
  ['城', '市镇乡区管际建中墙'],
  ['路', '线口段灯面况费由过边旁上政基网桥途人径子名牌标'],
  ['村', '民委级庄干部务'],
  ['组', '织长建成合委员'],
  ['乡', '镇村下亲里'],
  ['镇', '定'],
  ['街', '头边坊'],
  ['园', '林区艺丁'],
  ['府', '邸'],
  ['湾', '区'],
  ['厂', '房家区商长方'],
  ['工程', '师款队量'],
  ['市场', '监化价经主'],
  ['国际', '化'],
  ['公司', '法'],
  ['项目', '部'],
]);

// Leading words that a left walk picks up but that are not part of names ("位于书院路" → "书院路").
const LEAD_WORDS = [
  '位于',
  '关于',
  '反映',
  '投诉',
  '举报',
  '请问',
  '咨询',
  '建议',
  '希望',
  '要求',
  '本人',
  '居住',
  '家住',
  '购买',
  '购房',
  '业主',
  '附近',
  '旁边',
  '门口',
  '地处',
  '坐落',
  '座落',
  '就是',
  '还有',
  '以及',
  '所在',
  '属于',
  '对面',
  '地址',
  '包括',
  '新建',
  '在建',
  '整个',
  '目前',
  '现在',
  '其中',
  '尤其',
  '紧邻',
  '毗邻',
  '靠近',
  '临近',
  '来自',
  '通往',
  '前往',
  '开往',
  '住在',
  '搬到',
  '入住',
  '商品房',
  '周边',
  '配套',
  '相关',
  '全体',
  '全市',
  '全县',
  '本地',
  '影响',
  '联系',
  '距离',
  '部分',
  '大型',
  '进出',
  '经',
  '距',
  '过',
  '现',
  '此',
  '该',
  '本',
  '原',
];

const LEAD_SET: ReadonlySet<string> = new Set(LEAD_WORDS);

// Part-of-speech tags (jieba) of words that start a phrase but never a name: verbs, adverbs,
// prepositions, conjunctions, particles, pronouns, localisers, time words, adjectives.
const NON_NAME_POS = /^(?:v|vd|d|p|c|u[a-z]?|r|f|t|a|ad|q)$/;
const QUANTITY = /^(?:[一两几多各每]|很多|大部分|部分|一些|所有|全部|一个|一家)/;

const MAX_NAME_CHARS = 8;
const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9]/u;

/** Drops leading words of `head` that cannot start a name; empty when nothing name-like is left. */
function refineHead(head: string): string {
  let out = head;
  for (let changed = true; changed;) {
    changed = false;
    for (const w of LEAD_WORDS) {
      if (out.startsWith(w) && out.length > w.length) {
        out = out.slice(w.length);
        changed = true;
      }
    }
  }
  if (out.length === 0 || LEAD_SET.has(out)) return '';
  const tagged = defaultJieba().tag(out, true);
  let i = 0;
  const isJunk = (t: { word: string; tag: string }): boolean =>
    NON_NAME_POS.test(t.tag) || (t.tag === 'm' && QUANTITY.test(t.word));
  while (i < tagged.length - 1 && isJunk(tagged[i] as { word: string; tag: string })) i++;
  const rest = tagged.slice(i);
  // An adjective alone can be a name ("幸福小区", "阳光花园"); a verb or pronoun alone cannot.
  const last = rest[0] as { word: string; tag: string };
  if (rest.length === 1 && isJunk(last) && !/^a/.test(last.tag)) return '';
  const refined = rest.map((t) => t.word).join('');
  return LEAD_SET.has(refined) ? '' : refined;
}

/**
 * Finds entity names in normalised (simplified, half-width) text. Each name is a suffix plus up
 * to 8 characters before it, stopped at punctuation, particles, administrative markers and the
 * previous name. Names tile the text, so a generic suffix after a name is not part of it
 * ("杜鹃文苑小区" gives 杜鹃文苑, "丽发新城小区" gives 丽发新城): the shorter form is the one
 * people write both ways. Names are returned in text order; repeats are kept (callers count them).
 */
export function extractEntities(text: string): Entity[] {
  const out: Entity[] = [];
  const compact = text.replace(/\s+/g, '');
  const pattern = new RegExp(SUFFIX_PATTERN.source, 'g');
  // Names tile the text: "春华镇金鼎村" is 春华镇 then 金鼎村, and "丽发新城小区" stays 丽发新城.
  let previousEnd = 0;
  for (let m = pattern.exec(compact); m !== null; m = pattern.exec(compact)) {
    const suffix = m[0];
    const end = m.index + suffix.length;
    const next = compact[end];
    if (next !== undefined && BLOCKED_NEXT.get(suffix)?.includes(next) === true) continue;
    if (suffix === '府' && compact[m.index - 1] === '政') continue;
    let start = m.index;
    while (start > previousEnd && m.index - start < MAX_NAME_CHARS) {
      const ch = compact[start - 1] as string;
      if (!NAME_CHAR.test(ch) || BOUNDARY.has(ch)) break;
      start--;
    }
    const head = refineHead(compact.slice(start, m.index));
    const name = head + suffix;
    const kind = SUFFIX_KIND.get(suffix) as EntityKind;
    const hanInHead = head.match(/\p{Script=Han}/gu)?.length ?? 0;
    // One Han character is too little for a name ("老城", "现小区"), except for a coded project ("58车贷").
    const enough = hanInHead >= 2 || (kind === 'project' && head.length >= 2);
    if (enough && !NOT_NAMES.has(name) && !NOT_NAMES.has(head) && !head.includes('政府')) {
      out.push({ name, kind, start: m.index - head.length });
      previousEnd = end;
    }
  }
  return out;
}

/** Distinct entity names of a text, in order of first appearance. */
export function entityNames(text: string): string[] {
  return [...new Set(extractEntities(text).map((e) => e.name))];
}

/**
 * Learns a domain dictionary from a corpus: the entity names found in at least `minDocs` texts
 * (a name seen once is as likely a mis-cut as a place). Sorted by document count, most common first.
 */
export function learnDomainTerms(texts: Iterable<string>, minDocs = 2, maxTerms = 20_000): string[] {
  const docs = new Map<string, number>();
  for (const text of texts) {
    for (const name of entityNames(text)) docs.set(name, (docs.get(name) ?? 0) + 1);
  }
  return [...docs]
    .filter(([, n]) => n >= minDocs)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms)
    .map(([name]) => name);
}
