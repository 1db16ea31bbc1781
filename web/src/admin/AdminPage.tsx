import { useNavigate, useParams } from '@tanstack/react-router';
import { Tabs } from 'antd';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CalendarAdmin } from './CalendarAdmin.tsx';
import { CategoriesAdmin } from './CategoriesAdmin.tsx';
import { LoginLocksAdmin } from './LoginLocksAdmin.tsx';
import { ScorecardAdmin } from './ScorecardAdmin.tsx';
import { RegionsAdmin } from './RegionsAdmin.tsx';
import { RoutingRulesAdmin } from './RoutingRulesAdmin.tsx';
import { TimeLimitsAdmin } from './TimeLimitsAdmin.tsx';
import { UnitsAdmin } from './UnitsAdmin.tsx';
import { UsersAdmin } from './UsersAdmin.tsx';

export function AdminPage() {
  const { m } = useWorkbenchI18n();
  // /admin opens the first tab; /admin/$tab the one named.
  const tab = useParams({ strict: false }).tab ?? 'units';
  const navigate = useNavigate();
  const tabs = [
    { key: 'units', label: m.admin.units, children: <UnitsAdmin /> },
    { key: 'users', label: m.admin.users, children: <UsersAdmin /> },
    { key: 'regions', label: m.admin.regions, children: <RegionsAdmin /> },
    { key: 'categories', label: m.admin.categories, children: <CategoriesAdmin /> },
    { key: 'routing', label: m.admin.routing, children: <RoutingRulesAdmin /> },
    { key: 'time-limits', label: m.admin.timeLimits, children: <TimeLimitsAdmin /> },
    { key: 'calendar', label: m.admin.calendar, children: <CalendarAdmin /> },
    { key: 'login-locks', label: m.admin.loginLocks, children: <LoginLocksAdmin /> },
    { key: 'scorecard', label: m.admin.scorecardTab, children: <ScorecardAdmin /> },
  ];
  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.admin.title}</h1>
      <Tabs
        activeKey={tabs.some((t) => t.key === tab) ? tab : 'units'}
        onChange={(k) => void navigate({ to: '/admin/$tab', params: { tab: k }, replace: true })}
        items={tabs}
        destroyOnHidden
      />
    </div>
  );
}
