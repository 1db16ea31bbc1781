import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, List, Progress, Tag } from 'antd';
import { ApiError, api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useDebounced } from '../common/useDebounced.ts';
import type { CategorySuggestion, RoutingSuggestion, SimilarMatter } from '../../../src/shared/api.schema.ts';
import { useCategoryName } from '../common/categories.ts';
import { Panel } from '../common/Panel.tsx';
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

const MISSING = 'missing' as const;

/** A text feature's answer, or MISSING when the server has no text features (404, 501, 503). */
async function textFeature<T>(p: Promise<T>): Promise<T | typeof MISSING> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 501 || e.status === 503)) return MISSING;
    throw e;
  }
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
  // The suggestions follow the form once it has stood still; each input is its own cache entry.
  const settled = JSON.parse(useDebounced(JSON.stringify(input), 600)) as AssistInput;
  const text = `${settled.subject ?? ''}\n${settled.content ?? ''}`.trim();
  const routingBody = {
    regionCode: settled.regionCode,
    categoryCode: settled.categoryCode,
    purpose: settled.purpose,
    isMisconductReport: !!settled.isMisconductReport,
    reportedUnitId: settled.reportedUnitId,
    text: text.slice(0, 20_000),
  };
  const textBody = { subject: settled.subject ?? '', content: settled.content ?? '' };
  // Suggestions are read with POST (the text is long): safe to repeat, but not repeated on failure.
  const routing = useQuery({
    queryKey: keys.assist('routing', routingBody),
    queryFn: () => api.post<{ suggestions: RoutingSuggestion[] }>('/api/routing/suggest', routingBody),
    enabled: !!settled.regionCode && !!settled.purpose,
    placeholderData: keepPreviousData,
    retry: false,
  }).data?.suggestions;
  const textOn = text.length >= 6;
  const categoryQ = useQuery({
    queryKey: keys.assist('category', textBody),
    queryFn: () =>
      textFeature(
        api.post<{ suggestion: CategorySuggestion | null }>('/api/text/suggest-category', textBody),
      ),
    enabled: textOn,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const similarQ = useQuery({
    queryKey: keys.assist('similar', textBody),
    queryFn: () => textFeature(api.post<{ items: SimilarMatter[] }>('/api/text/similar', textBody)),
    enabled: textOn,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const textMissing = categoryQ.data === MISSING || similarQ.data === MISSING;
  const category = categoryQ.data && categoryQ.data !== MISSING ? categoryQ.data.suggestion : null;
  const similar = similarQ.data && similarQ.data !== MISSING ? similarQ.data.items : [];

  return (
    <Panel title={m.register.routing} testId="assist">
      {!routing || routing.length === 0 ? (
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
                  <Link to="/matters/$id" params={{ id: String(s.matterId) }}>
                    {s.caseNumber}
                  </Link>{' '}
                  · {m.register.similarity} {Math.round(s.similarity * 100)}%
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
