import { Link, useParams } from '@tanstack/react-router';
import { Alert, App, Col, Result, Row, Space, Spin } from 'antd';
import { COMMAND_LABELS } from '../../../src/shared/labels.ts';
import { DeadlineBadge } from '../common/DeadlineBadge.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { StateTag } from '../common/StateTag.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionBar } from './ActionBar.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { DeadlinesPanel } from './DeadlinesPanel.tsx';
import { DecisionsPanel } from './DecisionsPanel.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { OverviewPanel } from './OverviewPanel.tsx';
import { PetitionerPanel } from './PetitionerPanel.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import { UnitsPanel } from './UnitsPanel.tsx';
import { useMatter } from './useMatter.ts';
import { InstructionsPanel } from '../leadership/InstructionsPanel.tsx';
import { OwnershipPanel } from '../leadership/OwnershipPanel.tsx';
import { CardsPanel } from '../supervision/CardsPanel.tsx';
import { FollowUpsPanel } from '../supervision/FollowUpsPanel.tsx';
import { lastQueueSearch } from '../queue/queue-search.ts';

/**
 * The inbox and the instructions workbench ship in the matter page's chunk: every notice and
 * instruction leads to a matter anyway, and two more lazy chunks re-split the modules the portal
 * shares with the workbench, which pushed the portal's first load over its 300 KB budget.
 */
export { InboxPage } from '../inbox/InboxPage.tsx';
export { InstructionsPage } from '../leadership/InstructionsPage.tsx';
export { SupervisionPage } from '../supervision/SupervisionPage.tsx';
export { CardRoute } from '../supervision/CardPage.tsx';
export * from '../organised/pages.tsx';

export function MatterRoute() {
  const { id } = useParams({ from: '/matters/$id' });
  return <MatterPage id={Number(id)} />;
}

export function MatterPage({ id }: { id: number }) {
  const { m, lang, lbl } = useI18n();
  const { message } = App.useApp();
  const { matter, error, notFound } = useMatter(id);

  if (notFound) {
    return (
      <Result
        status="404"
        title={m.errors.notFoundTitle}
        subTitle={m.errors.notFoundBody}
        extra={
          <Link to="/queue" search={lastQueueSearch()}>
            {m.matter.backToQueue}
          </Link>
        }
        data-testid="not-found"
      />
    );
  }
  if (error) return <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />;
  if (!matter) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <div>
      <Link to="/queue" search={lastQueueSearch()} style={{ display: 'inline-block' }}>
        ← {m.matter.backToQueue}
      </Link>
      <br />
      <Space align="center" wrap style={{ margin: '8px 0 12px' }}>
        <h1 style={{ fontSize: 22, margin: 0 }} data-testid="matter-title">
          {matter.subject}
        </h1>
        <StateTag state={matter.state} />
        {matter.currentDeadline && (
          <DeadlineBadge
            badge={matter.currentDeadline.badge}
            dueDate={matter.currentDeadline.dueDate}
            kind={matter.currentDeadline.kind}
          />
        )}
      </Space>
      <Panel title={m.matter.actions} style={{ marginBottom: 16 }}>
        <ActionBar
          matter={matter}
          onDone={(a) => {
            void message.success(`${lbl(COMMAND_LABELS, a)} · ${m.common.done}`);
          }}
        />
      </Panel>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <OverviewPanel matter={matter} />
            <DecisionsPanel matter={matter} />
            <InstructionsPanel
              matterId={matter.id}
              defaultUnitId={matter.units.find((u) => u.role === 'lead' && !u.releasedAt)?.unitId ?? null}
            />
            <OwnershipPanel matterId={matter.id} />
            <CardsPanel matterId={matter.id} />
            {matter.decisions.some((d) => d.kind === 'reply') && <FollowUpsPanel matterId={matter.id} />}
            <TimelinePanel entries={matter.timeline} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <PetitionerPanel matter={matter} />
            <UnitsPanel matter={matter} />
            <DeadlinesPanel matter={matter} />
            <DocumentsPanel matter={matter} />
            <AttachmentsPanel matter={matter} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
