import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  defaultParseSearch,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { configure, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/api.schema.ts';
import type {
  IndicatorSet,
  Scorecard,
  UnitComparison,
  VolumeRow,
  VolumeTable,
} from '../../../src/shared/stats.schema.ts';
import { SessionProvider, useSession } from '../auth/session.tsx';
import { loadLanguage } from '../i18n/i18n.tsx';
import { QueueSearch } from '../queue/queue-search.ts';
import { renderUi } from '../../test/render.tsx';
import { apiError, HttpResponse, http, server } from '../../test/server.ts';
import { StatsPage } from './StatsPage.tsx';
import { StatsSearch } from './stats-search.ts';

const ANALYST: Session = {
  csrfToken: 'test-csrf',
  user: {
    id: 9,
    username: 'analyst',
    displayName: '统计员',
    roles: ['analyst'],
    unit: { id: 1, name: '南山区信访局', kind: 'petition_bureau', level: 'county', regionCode: '440305' },
  },
};

const figures = (cases: number, visits = 0, collective = 0) => ({
  cases,
  people: cases * 2,
  visitBatches: visits,
  visitPeople: visits * 3,
  collectiveBatches: collective,
  collectivePeople: collective * 6,
});

const row = (key: string | null, label: string, now: number, before: number, visits = 0): VolumeRow => ({
  key,
  label,
  labelEn: label === '市' ? 'City' : label === '合计' ? 'Total' : 'County',
  ...figures(now, visits, visits ? 1 : 0),
  previous: figures(before, visits),
});

function volume(from: string, to: string): VolumeTable {
  const prev = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  return {
    period: { from, to },
    previousPeriod: { from: prev(from), to: prev(to) },
    region: { code: '440305', name: '南山区' },
    by: 'level',
    // +12.5 % on the county, −3.0 % … a change from nothing is a dash.
    rows: [row('county', '县（区）', 45, 40, 2), row('city', '市', 97, 100), row('province', '省', 4, 0)],
    total: row(null, '合计', 146, 140, 2),
    generatedAt: '2026-11-30T01:00:00.000Z',
  };
}

const INDICATORS: IndicatorSet = {
  period: { from: '2025-01-01', to: '2025-12-31' },
  region: { code: '440305', name: '南山区' },
  unitId: null,
  category: null,
  figures: [
    { indicator: 'on_time_acceptance', numerator: 35, denominator: 40, value: 0.875 },
    { indicator: 'satisfaction', numerator: 0, denominator: 0, value: null },
    { indicator: 'overdue_now', numerator: 3, denominator: null, value: null },
  ],
  generatedAt: '2026-11-30T01:00:00.000Z',
};

const unitCols = (unitId: number, unitName: string, rank: number) => ({
  unitId,
  unitName,
  level: 'county',
  kind: 'functional_department',
  peers: 2,
  rank,
});

const UNITS: UnitComparison = {
  period: { from: '2025-01-01', to: '2025-12-31' },
  region: { code: '440305', name: '南山区' },
  category: null,
  indicator: 'on_time_completion',
  lowerIsBetter: false,
  rows: [
    { ...unitCols(12, '南山区住房和建设局', 1), numerator: 18, denominator: 20, value: 0.9 },
    { ...unitCols(13, '南山区人力资源局', 2), numerator: 0, denominator: 0, value: null },
  ],
  generatedAt: '2026-11-30T01:00:00.000Z',
};

const SCORECARD: Scorecard = {
  period: { from: '2025-01-01', to: '2025-12-31' },
  region: { code: '440305', name: '南山区' },
  category: null,
  year: 2025,
  weights: { weights: { on_time_completion: 10 }, repeatPenalty: 1, cardPenalty: 0 },
  rows: [
    {
      ...unitCols(12, '南山区住房和建设局', 1),
      hasRows: true,
      score: 7,
      repeatMatters: 2,
      cardMatters: 0,
      penalty: 2,
      figures: [
        {
          indicator: 'on_time_completion',
          numerator: 18,
          denominator: 20,
          value: 0.9,
          target: 0.95,
          gap: -0.05,
          weight: 10,
          points: 9,
        },
      ],
    },
  ],
  generatedAt: '2026-11-30T01:00:00.000Z',
};

// The table of 19 columns takes a while to render in jsdom on a busy machine.
configure({ asyncUtilTimeout: 10_000 });

let asked: URLSearchParams[] = [];

beforeEach(() => {
  asked = [];
  server.use(
    http.get('/api/auth/me', () => HttpResponse.json(ANALYST)),
    http.get('/api/regions', ({ request }) => {
      const parent = new URL(request.url).searchParams.get('parent');
      if (parent === '4403')
        return HttpResponse.json({
          items: [{ code: '440305', name: '南山区', level: 'county', parentCode: '4403' }],
        });
      if (parent === '440305')
        return HttpResponse.json({
          items: [{ code: '440305001', name: '南头街道', level: 'township', parentCode: '440305' }],
        });
      return HttpResponse.json({ items: [] });
    }),
    http.get('/api/units', () => HttpResponse.json({ items: [] })),
    http.get('/api/categories', () => HttpResponse.json({ items: [] })),
    http.get('/api/stats/volume', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      return HttpResponse.json(volume(q.get('from')!, q.get('to')!));
    }),
    http.get('/api/stats/indicators', () => HttpResponse.json(INDICATORS)),
    http.get('/api/stats/units', ({ request }) => {
      asked.push(new URL(request.url).searchParams);
      return HttpResponse.json(UNITS);
    }),
    http.get('/api/stats/scorecard', () => HttpResponse.json(SCORECARD)),
  );
});

function SignedIn({ children }: { children: ReactNode }) {
  return useSession().user ? children : null;
}

/** The page under a router of its own: /stats with its typed search, and a queue to land in. */
function openStats(url: string, lang: 'zh' | 'en' = 'zh') {
  const root = createRootRoute({ component: Outlet });
  const stats = createRoute({
    getParentRoute: () => root,
    path: '/stats',
    validateSearch: StatsSearch,
    component: StatsPage,
  });
  const queue = createRoute({
    getParentRoute: () => root,
    path: '/queue',
    validateSearch: QueueSearch,
    component: () => <p data-testid="queue">queue</p>,
  });
  const router = createRouter({
    routeTree: root.addChildren([stats, queue]),
    history: createMemoryHistory({ initialEntries: [url] }),
  });
  const r = renderUi(
    <SessionProvider>
      <SignedIn>
        <RouterProvider router={router} />
      </SignedIn>
    </SessionProvider>,
    { lang },
  );
  return { ...r, router };
}

/** A link's search parameters as the queue reads them (the router writes "true" and codes as JSON). */
const searchOf = (el: HTMLElement) =>
  QueueSearch.parse(defaultParseSearch(new URL(el.getAttribute('href')!, 'http://x').search));

describe('the statistics page', () => {
  it('shows the volume table: figures, the year before, the signed change, the total last', async () => {
    openStats('/stats?from=2025-01-01&to=2025-12-31');
    const table = await screen.findByTestId('volume-table');
    await waitFor(() => expect(within(table).getByTestId('cell-county-cases')).toHaveTextContent('45'));
    const rows = within(table).getAllByRole('row');
    const text = rows.map((r) => r.textContent ?? '');
    expect(text.at(-1)).toMatch(/^合计146140\+4\.3%/);
    expect(text.find((t) => t.startsWith('县（区）'))).toContain('+12.5%');
    expect(text.find((t) => t.startsWith('市'))).toContain('\u22123.0%');
    expect(text.find((t) => t.startsWith('省'))).toMatch(/^省40—/);
    // Every column of figures says what it counts, reachable by keyboard.
    const help = within(table).getByRole('button', { name: '信访总量（件次）的统计口径' });
    expect(help).toHaveAccessibleDescription(/统计期间内登记的信访事项件数/);
    expect(asked[0]!.get('by')).toBe('level');
    expect(asked[0]!.get('region')).toBeNull();
  });

  it('links each figure to exactly its matters in the queue, the year before’s to the year before', async () => {
    const { user, router } = openStats('/stats?from=2025-01-01&to=2025-12-31');
    const city = await screen.findByTestId('cell-city-cases');
    expect(searchOf(city)).toEqual({
      receivedFrom: '2025-01-01',
      receivedTo: '2025-12-31',
      regionCode: '440305',
      lodgedLevel: 'city',
    });
    const before = searchOf(screen.getByTestId('cell-county-collectiveBatches-previous'));
    expect(before).toMatchObject({
      receivedFrom: '2024-01-01',
      receivedTo: '2024-12-31',
      lodgedLevel: 'county',
      collective: 'true',
    });
    const visits = searchOf(screen.getByTestId('cell-total-visitPeople'));
    expect(visits).toMatchObject({ channel: 'visit' });
    expect(visits.lodgedLevel).toBeUndefined();
    await user.click(city);
    await screen.findByTestId('queue');
    expect(router.state.location.search).toMatchObject({ lodgedLevel: 'city', receivedFrom: '2025-01-01' });
  });

  it('offers the volume table as XLSX and CSV with the same parameters', async () => {
    openStats('/stats?from=2025-01-01&to=2025-12-31&by=level');
    const xlsx = await screen.findByTestId('export-volume-xlsx');
    expect(xlsx.getAttribute('href')).toBe(
      '/api/stats/volume/export?from=2025-01-01&to=2025-12-31&by=level&format=xlsx',
    );
    expect(xlsx).toHaveAttribute('download');
    expect(screen.getByTestId('export-volume-csv').getAttribute('href')).toBe(
      '/api/stats/volume/export?from=2025-01-01&to=2025-12-31&by=level&format=csv',
    );
  });

  it('asks for the quarter when the period kind changes, and keeps it in the address', async () => {
    const { user, router } = openStats('/stats?period=year&from=2025-01-01&to=2025-12-31');
    await screen.findByTestId('cell-county-cases');
    await user.click(screen.getByText('季度'));
    await waitFor(() => expect(asked.at(-1)!.get('to')).toBe('2025-03-31'));
    expect(asked.at(-1)!.get('from')).toBe('2025-01-01');
    expect(router.state.location.search).toMatchObject({
      period: 'quarter',
      from: '2025-01-01',
      to: '2025-03-31',
    });
    expect(screen.getByTestId('period-text')).toHaveTextContent('2025-01-01 至 2025-03-31');
  });

  it('asks for the region chosen below the user’s own', async () => {
    const { user } = openStats('/stats?from=2025-01-01&to=2025-12-31');
    await screen.findByTestId('cell-county-cases');
    await user.click(screen.getByRole('combobox', { name: '统计范围（下1级）' }));
    await user.click(await screen.findByText('南头街道'));
    await waitFor(() => expect(asked.at(-1)!.get('region')).toBe('440305001'));
  });

  it('shows each indicator with its numerator and denominator, each a link to its matters', async () => {
    openStats('/stats?tab=indicators&from=2025-01-01&to=2025-12-31');
    const card = await screen.findByTestId('indicator-on_time_acceptance');
    expect(card).toHaveTextContent('87.5%');
    const numerator = searchOf(within(card).getByTestId('indicator-on_time_acceptance-numerator'));
    expect(numerator).toMatchObject({
      indicator: 'on_time_acceptance',
      part: 'numerator',
      from: '2025-01-01',
    });
    expect(searchOf(within(card).getByTestId('indicator-on_time_acceptance-denominator'))).toMatchObject({
      part: 'denominator',
    });
    expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('—');
    // A count has no denominator: its number is the link, and it is live.
    const overdue = screen.getByTestId('indicator-overdue_now');
    expect(within(overdue).queryByTestId('indicator-overdue_now-denominator')).toBeNull();
    expect(overdue).toHaveTextContent('实时数');
    expect(screen.getByTestId('export-indicators-csv').getAttribute('href')).toBe(
      '/api/stats/indicators/export?from=2025-01-01&to=2025-12-31&format=csv',
    );
  });

  it('ranks units among their peers by the indicator chosen, each figure a link to its matters', async () => {
    const { user, router } = openStats('/stats?tab=units&from=2025-01-01&to=2025-12-31');
    const table = await screen.findByTestId('units-table');
    await waitFor(() => expect(table).toHaveTextContent('南山区住房和建设局'));
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent ?? '');
    expect(rows.find((t) => t.includes('住房和建设局'))).toMatch(/县（区）.*1 \/ 2.*90\.0%1820/);
    expect(rows.find((t) => t.includes('人力资源局'))).toContain('—');
    const denominator = within(table).getByRole('link', { name: /南山区住房和建设局，按期办结率分母 20/ });
    expect(searchOf(denominator)).toEqual({
      indicator: 'on_time_completion',
      part: 'denominator',
      from: '2025-01-01',
      to: '2025-12-31',
      regionCode: '440305',
      statsUnit: 12,
    });
    await user.click(screen.getByRole('combobox', { name: '指标' }));
    await user.click(await screen.findByText('满意率', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(asked.at(-1)!.get('indicator')).toBe('satisfaction'));
    expect(router.state.location.search).toMatchObject({ tab: 'units', indicator: 'satisfaction' });
  });

  it('shows each unit’s score, its weighted rates against their targets and its deductions', async () => {
    openStats('/stats?tab=scorecard&from=2025-01-01&to=2025-12-31');
    const table = await screen.findByTestId('scorecard-table');
    await waitFor(() => expect(table).toHaveTextContent('南山区住房和建设局'));
    expect(table).toHaveTextContent('按期办结率 ×10');
    expect(table).toHaveTextContent('7.00');
    expect(table).toHaveTextContent('90.0%目标 95.0%，差距 \u22125.0');
    expect(table).toHaveTextContent('2（−2）');
    expect(screen.getByText(/2025 年度由管理员设定的目标/)).toBeInTheDocument();
    expect(screen.getByTestId('export-scorecard-xlsx').getAttribute('href')).toBe(
      '/api/stats/scorecard/export?from=2025-01-01&to=2025-12-31&format=xlsx',
    );
  });

  it('shows a refusal in the language of the page', async () => {
    server.use(
      http.get('/api/stats/volume', () =>
        apiError(403, {
          code: 'forbidden',
          message_zh: '地区 福田区 不在您单位的数据范围内',
          message_en: '福田区 is outside your unit’s data scope',
        }),
      ),
    );
    await loadLanguage('en');
    openStats('/stats?from=2025-01-01&to=2025-12-31&region=440304', 'en');
    expect(await screen.findByTestId('stats-error')).toHaveTextContent(
      '福田区 is outside your unit’s data scope',
    );
    expect(screen.getByRole('heading', { name: 'Statistics', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Annual table' })).toBeInTheDocument();
  });
});
