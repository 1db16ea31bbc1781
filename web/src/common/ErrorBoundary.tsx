import { Button } from 'antd';
import { Outcome } from './Outcome.tsx';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  children: ReactNode;
  resetKey?: string;
}
interface State {
  error: Error | null;
  key?: string;
}

/** A render error shows a message in place of the broken part; the rest of the page stays. */
class Boundary extends Component<
  Props & { title: string; body: string; retry: string; home: string; homeHref: string },
  State
> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Outcome
        status="error"
        title={this.props.title}
        subTitle={this.props.body}
        extra={[
          <Button key="retry" type="primary" onClick={() => this.setState({ error: null })}>
            {this.props.retry}
          </Button>,
          <Button key="home" href={this.props.homeHref}>
            {this.props.home}
          </Button>,
        ]}
      />
    );
  }
}

export function ErrorBoundary({ children, resetKey, homeHref = '/' }: Props & { homeHref?: string }) {
  const { m } = useI18n();
  return (
    <Boundary
      resetKey={resetKey}
      title={m.errors.boundaryTitle}
      body={m.errors.boundaryBody}
      retry={m.errors.retry}
      home={m.errors.home}
      homeHref={homeHref}
    >
      {children}
    </Boundary>
  );
}
