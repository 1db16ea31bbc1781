import { Link } from '@tanstack/react-router';
import { Col, Row, Typography } from 'antd';
import {
  COUNT_INDICATORS,
  INDICATOR_DEFINITIONS,
  LIVE_INDICATORS,
} from '../../../src/shared/stats-definitions.ts';
import type { Indicator, IndicatorFigure, IndicatorSet } from '../../../src/shared/stats.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { drillDownSearch } from '../queue/queue-search.ts';
import { DefinitionTip } from './DefinitionTip.tsx';
import { fmtCount, fmtRate } from './format.ts';

/**
 * The procedure indicators as cards: each rate (or count) with its numerator and denominator, each a
 * link to the matters it counts in the queue, and its definition in a tooltip. `only` picks and
 * orders a few (the home page's row).
 */
export function IndicatorCards({
  set,
  only,
  compact = false,
  linkable = true,
}: {
  set: IndicatorSet;
  only?: readonly Indicator[];
  compact?: boolean;
  /** Whether the user may open the queue (an administrator reads figures but lists no matters). */
  linkable?: boolean;
}) {
  const figures = only
    ? only.map((k) => set.figures.find((f) => f.indicator === k)).filter((f) => f !== undefined)
    : set.figures;
  return (
    <Row gutter={[12, 12]} data-testid="indicator-cards">
      {figures.map((f) => (
        <Col key={f.indicator} xs={12} md={compact ? 6 : 8} xl={compact ? 6 : 6}>
          <IndicatorCard set={set} figure={f} compact={compact} linkable={linkable} />
        </Col>
      ))}
    </Row>
  );
}

function IndicatorCard({
  set,
  figure: f,
  compact,
  linkable,
}: {
  set: IndicatorSet;
  figure: IndicatorFigure;
  compact: boolean;
  linkable: boolean;
}) {
  const { m, lang } = useWorkbenchI18n();
  const def = INDICATOR_DEFINITIONS[f.indicator];
  const label = def.label[lang];
  const isCount = COUNT_INDICATORS.includes(f.indicator);
  const part = (which: 'numerator' | 'denominator', value: number) =>
    !linkable ? (
      fmtCount(value, lang)
    ) : (
      <Link
        to="/queue"
        search={drillDownSearch(set, f.indicator, which)}
        aria-label={m.stats.partLink(
          label,
          which === 'numerator' ? m.stats.numerator : m.stats.denominator,
          fmtCount(value, lang),
        )}
        data-testid={`indicator-${f.indicator}-${which}`}
      >
        {fmtCount(value, lang)}
      </Link>
    );
  return (
    <Panel style={{ height: '100%', padding: compact ? 12 : 16 }} testId={`indicator-${f.indicator}`}>
      <div style={{ fontSize: 14, color: '#4a4a4a', display: 'flex', alignItems: 'center', gap: 2 }}>
        <span>{label}</span>
        <DefinitionTip label={label} definition={def.definition[lang]} />
      </div>
      <div style={{ fontSize: compact ? 22 : 26, fontWeight: 600, lineHeight: 1.4 }}>
        {isCount ? part('numerator', f.numerator) : fmtRate(f.value)}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {isCount ? (
          LIVE_INDICATORS.includes(f.indicator) ? (
            m.stats.live
          ) : (
            m.figures.periodCount
          )
        ) : (
          <>
            {m.stats.numerator} {part('numerator', f.numerator)} / {m.stats.denominator}{' '}
            {part('denominator', f.denominator ?? 0)}
          </>
        )}
      </Typography.Text>
    </Panel>
  );
}
