import { Alert, Button, List, Progress, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { CategorySuggestion, RoutingSuggestion, SimilarMatter } from '../../../src/shared/api.schema.ts';
import { useCategoryName } from '../common/categories.ts';
import { Panel } from '../common/Panel.tsx';
import { Link } from '../common/router.tsx';
import { LAWFUL_CHANNEL_LABELS } from '../../../src/shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface AssistInput {
  regionCode?: string;
  categoryCode?: string;
  purpose?: string;
  isMisconductReport?: boolean;
  reportedUnitId?: number;
  subject?: string;
  content?: string;
}

/**
 * The routing suggestion with its reason, and — where the text features exist — the suggested
 * category and similar earlier matters. A missing text endpoint (404) just hides that part.
 */
export function AssistPanel({
  input,
  onUseCategory,
}: {
  input: AssistInput;
  onUseCategory: (code: string) => void;
}) {
  const { m, lang, lbl, pick } = useI18n();
  const catName = useCategoryName();
  const [routing, setRouting] = useState<RoutingSuggestion[] | null>(null);
  const [category, setCategory] = useState<CategorySuggestion | null>(null);
  const [similar, setSimilar] = useState<SimilarMatter[]>([]);
  const [textMissing, setTextMissing] = useState(false);
  const text = `${input.subject ?? ''}\n${input.content ?? ''}`.trim();
  const key = JSON.stringify({ ...input, text });

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      if (input.regionCode && input.purpose) {
        api
          .post<{ suggestions: RoutingSuggestion[] }>('/api/routing/suggest', {
            regionCode: input.regionCode,
            categoryCode: input.categoryCode,
            purpose: input.purpose,
            isMisconductReport: !!input.isMisconductReport,
            reportedUnitId: input.reportedUnitId,
            text: text.slice(0, 20_000),
          })
          .then((r) => live && setRouting(r.suggestions))
          .catch(() => live && setRouting(null));
      }
      if (text.length >= 6 && !textMissing) {
        const body = { subject: input.subject ?? '', content: input.content ?? '' };
        const gone = (e: unknown) =>
          e instanceof ApiError && (e.status === 404 || e.status === 501 || e.status === 503);
        api
          .post<{ suggestion: CategorySuggestion | null }>('/api/text/suggest-category', body)
          .then((r) => live && setCategory(r.suggestion))
          .catch((e: unknown) => gone(e) && setTextMissing(true));
        api
          .post<{ items: SimilarMatter[] }>('/api/text/similar', body)
          .then((r) => live && setSimilar(r.items))
          .catch((e: unknown) => gone(e) && setTextMissing(true));
      }
    }, 600);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // The serialised input stands for all of its fields.
  }, [key]);

  return (
    <Panel title={m.register.routing} testId="assist">
      {routing === null || routing.length === 0 ? (
        <p style={{ color: 'rgba(0,0,0,0.65)' }}>{m.register.routingNone}</p>
      ) : (
        <List
          size="small"
          dataSource={routing.slice(0, 3)}
          renderItem={(s) => (
            <List.Item>
              <div>
                <strong>
                  {s.action === 'lawful_channel'
                    ? m.common.labelled(m.register.routingLawful, lbl(LAWFUL_CHANNEL_LABELS, s.lawfulChannel))
                    : s.unitName}
                </strong>
                <div style={{ fontSize: 13 }}>{pick(s.reasonZh, s.reasonEn)}</div>
                <Progress
                  percent={Math.round(Math.min(1, s.score) * 100)}
                  size="small"
                  aria-label={m.register.routingScore}
                />
              </div>
            </List.Item>
          )}
        />
      )}
      {textMissing && <Alert type="info" title={m.errors.textFeaturesUnavailable} style={{ marginTop: 8 }} />}
      {category && (
        <div style={{ marginTop: 12 }} data-testid="category-suggestion">
          <h3 style={{ fontSize: 15 }}>{m.register.categorySuggestion}</h3>
          <Tag color={category.lowConfidence ? 'gold' : 'green'}>
            {catName(category.category, lang) ?? m.register.categorySuggestion}
          </Tag>
          <span style={{ fontSize: 13 }}>{Math.round(category.confidence * 100)}%</span>{' '}
          <Button size="small" onClick={() => onUseCategory(category.category)}>
            {m.register.useSuggestion}
          </Button>
          {category.lowConfidence && (
            <div style={{ fontSize: 13, color: '#8a5a00' }}>{m.register.lowConfidence}</div>
          )}
        </div>
      )}
      {similar.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="similar-matters">
          <h3 style={{ fontSize: 15 }}>{m.register.similar}</h3>
          <List
            size="small"
            dataSource={similar.slice(0, 5)}
            renderItem={(s) => (
              <List.Item>
                <span>
                  <Link to={`/matters/${s.matterId}`}>{s.caseNumber}</Link> · {m.register.similarity}{' '}
                  {Math.round(s.similarity * 100)}%
                  {s.samePetitioner && (
                    <Tag color="red" style={{ marginInlineStart: 4 }}>
                      {m.register.samePetitioner}
                    </Tag>
                  )}
                  {s.sharedWords.length > 0 && (
                    <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
                      {m.common.list(s.sharedWords.slice(0, 8))}
                    </div>
                  )}
                </span>
              </List.Item>
            )}
          />
        </div>
      )}
    </Panel>
  );
}
