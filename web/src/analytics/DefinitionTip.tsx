import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useId } from 'react';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import './stats.css';

/**
 * A figure's definition (issue 12: "show each definition where the figure is shown") behind a small
 * help button: shown on hover, on keyboard focus and on a tap, and read out by screen readers as the
 * button's description.
 */
export function DefinitionTip({ label, definition }: { label: string; definition: string }) {
  const { m } = useWorkbenchI18n();
  const id = useId();
  return (
    <Tooltip title={definition} trigger={['hover', 'focus', 'click']}>
      <button
        type="button"
        className="ms-help"
        aria-label={m.stats.definitionOf(label)}
        aria-describedby={id}
        onClick={(e) => e.stopPropagation()}
      >
        <QuestionCircleOutlined aria-hidden />
        <span id={id} className="ms-visually-hidden">
          {definition}
        </span>
      </button>
    </Tooltip>
  );
}
