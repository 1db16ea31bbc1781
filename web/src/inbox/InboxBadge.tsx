import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import type { UnreadCountSchema } from '../../../src/shared/inbox.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

/** The header's link to the inbox with the unread count, refreshed every minute. */
export function InboxBadge() {
  const { m } = useWorkbenchI18n();
  const unread =
    useQuery({
      queryKey: keys.unreadCount,
      queryFn: () =>
        api.get<WireOf<typeof UnreadCountSchema>>('/api/inbox/unread-count').then((r) => r.unread),
      refetchInterval: 60_000,
    }).data ?? 0;
  return (
    <Link to="/inbox" aria-label={m.inbox.badge(unread)} data-testid="inbox-badge" data-unread={unread}>
      {/* A plain count, not antd's Badge: the header is in the staff entry, and Badge's motion code
          there would re-split the chunks the portal shares and push its first load over budget. */}
      <span style={{ color: '#fff' }} aria-hidden>
        ✉
      </span>
      <span style={{ color: '#fff', marginInlineStart: 4 }} className="ms-staff-user-detail">
        {m.inbox.title}
      </span>
      {unread > 0 && (
        <span
          aria-hidden
          style={{
            marginInlineStart: 4,
            background: '#fff',
            color: '#8c1b21',
            fontWeight: 600,
            borderRadius: 10,
            padding: '0 6px',
            fontSize: 12,
            lineHeight: '18px',
            display: 'inline-block',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
