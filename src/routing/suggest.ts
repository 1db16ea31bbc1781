import type { LawfulChannel } from '../shared/enums.ts';

/**
 * Routing suggestions (属地管理·分级负责, 谁主管·谁负责, 诉访分离): pure ranking over candidates the
 * repository gathered. Each suggestion carries the reason a registrar can read and check.
 */
export type SuggestionSource = 'rule' | 'discipline' | 'remit' | 'territorial';

export interface RoutingSuggestion {
  action: 'assign' | 'lawful_channel';
  unitId: number | null;
  unitName: string | null;
  coUnitIds: number[];
  lawfulChannel: LawfulChannel | null;
  reasonZh: string;
  reasonEn: string;
  source: SuggestionSource;
  score: number;
}

export interface RuleCandidate {
  id: number;
  name: string;
  regionPrefix: string;
  categoryCode: string | null;
  purpose: string | null;
  keywords: string[];
  action: 'assign' | 'lawful_channel' | 'discipline';
  unitId: number | null;
  unitName: string | null;
  coUnitIds: number[];
  lawfulChannel: string | null;
  reasonZh: string;
  reasonEn: string;
  priority: number;
}

export interface UnitCandidate {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
  /** For remit candidates: the category the remit names (null = all). */
  remitCategory?: string | null;
  remitRegion?: string;
}

export interface RoutingInput {
  regionCode: string;
  /** The category and its ancestors, most specific first. */
  categoryPath: string[];
  purpose: string;
  isMisconductReport: boolean;
  reportedUnitId: number | null;
  text: string;
}

const TERRITORIAL_KINDS = ['township_government', 'county_government', 'city_government'];

/** Whether a rule applies to the input: region subtree, category subtree, purpose and any keyword. */
export function ruleMatches(rule: RuleCandidate, input: RoutingInput): boolean {
  if (!input.regionCode.startsWith(rule.regionPrefix)) return false;
  if (rule.categoryCode && !input.categoryPath.includes(rule.categoryCode)) return false;
  if (rule.purpose && rule.purpose !== input.purpose) return false;
  if (rule.keywords.length > 0 && !rule.keywords.some((k) => input.text.includes(k))) return false;
  return true;
}

/** More specific rules win: a longer region prefix, a deeper category, a purpose, keywords. */
function ruleSpecificity(rule: RuleCandidate, input: RoutingInput): number {
  const categoryDepth = rule.categoryCode
    ? input.categoryPath.length - input.categoryPath.indexOf(rule.categoryCode)
    : 0;
  return (
    rule.regionPrefix.length * 10 +
    categoryDepth * 40 +
    (rule.purpose ? 30 : 0) +
    (rule.keywords.length > 0 ? 50 : 0) +
    rule.priority
  );
}

export function suggestRoutes(
  input: RoutingInput,
  rules: RuleCandidate[],
  remitUnits: UnitCandidate[],
  territorialUnits: UnitCandidate[],
  disciplineUnits: UnitCandidate[],
): RoutingSuggestion[] {
  const out: RoutingSuggestion[] = [];
  const notReported = (unitId: number | null) => unitId === null || unitId !== input.reportedUnitId;

  // A report of misconduct goes to the discipline inspection body, never to the unit reported.
  if (input.isMisconductReport || input.purpose === 'accusation') {
    const nearest = [...disciplineUnits]
      .filter((u) => notReported(u.id) && input.regionCode.startsWith(u.regionCode))
      .sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
    if (nearest) {
      out.push({
        action: 'assign',
        unitId: nearest.id,
        unitName: nearest.name,
        coUnitIds: [],
        lawfulChannel: null,
        reasonZh: `检举控告类事项依规由纪检监察机关处理：${nearest.name}`,
        reasonEn: `Reports of misconduct go to the discipline inspection body: ${nearest.name}`,
        source: 'discipline',
        score: 1000,
      });
    }
    // Until the reported unit is identified any other unit might be it: the report goes nowhere else.
    if (input.reportedUnitId === null) return out;
  }

  for (const rule of rules.filter((r) => ruleMatches(r, input))) {
    const score = 500 + ruleSpecificity(rule, input);
    if (rule.action === 'lawful_channel') {
      out.push({
        action: 'lawful_channel',
        unitId: null,
        unitName: null,
        coUnitIds: [],
        lawfulChannel: rule.lawfulChannel as LawfulChannel,
        reasonZh: rule.reasonZh,
        reasonEn: rule.reasonEn,
        source: 'rule',
        score,
      });
    } else if (rule.action === 'assign' && rule.unitId !== null && notReported(rule.unitId)) {
      out.push({
        action: 'assign',
        unitId: rule.unitId,
        unitName: rule.unitName,
        coUnitIds: rule.coUnitIds.filter((id) => notReported(id)),
        lawfulChannel: null,
        reasonZh: rule.reasonZh,
        reasonEn: rule.reasonEn,
        source: 'rule',
        score,
      });
    }
  }

  // 谁主管·谁负责: units whose remit covers this region and category, nearest region first.
  for (const u of remitUnits) {
    if (!notReported(u.id)) continue;
    if (!input.regionCode.startsWith(u.remitRegion ?? u.regionCode)) continue;
    if (u.remitCategory && !input.categoryPath.includes(u.remitCategory)) continue;
    const depth = u.remitCategory
      ? input.categoryPath.length - input.categoryPath.indexOf(u.remitCategory)
      : 0;
    out.push({
      action: 'assign',
      unitId: u.id,
      unitName: u.name,
      coUnitIds: [],
      lawfulChannel: null,
      reasonZh: `主管部门：${u.name}负责该地区此类事项（谁主管、谁负责）`,
      reasonEn: `Competent department: ${u.name} is responsible for this kind of matter in this region`,
      source: 'remit',
      score: 300 + (u.remitRegion ?? u.regionCode).length * 10 + depth * 20,
    });
  }

  // 属地管理: the nearest local government whose region contains the matter's place.
  const local = territorialUnits
    .filter(
      (u) =>
        TERRITORIAL_KINDS.includes(u.kind) && input.regionCode.startsWith(u.regionCode) && notReported(u.id),
    )
    .sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  if (local) {
    out.push({
      action: 'assign',
      unitId: local.id,
      unitName: local.name,
      coUnitIds: [],
      lawfulChannel: null,
      reasonZh: `属地管理：事项发生地属${local.name}管辖`,
      reasonEn: `Territorial responsibility: the place concerned is under ${local.name}`,
      source: 'territorial',
      score: 100 + local.regionCode.length,
    });
  }

  const seen = new Set<string>();
  return out
    .sort((a, b) => b.score - a.score)
    .filter((s) => {
      const key = s.action === 'assign' ? `u${s.unitId}` : `c${s.lawfulChannel}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 5);
}
