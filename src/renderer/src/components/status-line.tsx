import { useCallback, useMemo, useState } from 'react';
import { messages } from '../messages/da';

type Tone = 'working' | 'done' | 'failed';

export interface Status {
  text: string;
  tone: Tone;
  working(text: string): void;
  done(text: string): void;
  failed(message: string): void;
  clear(): void;
}

/** One status line per place: each new message replaces the last, so old lines never pile up. */
export function useStatus(): Status {
  const [state, setState] = useState<{ text: string; tone: Tone }>({ text: '', tone: 'done' });
  const working = useCallback((text: string) => setState({ text, tone: 'working' }), []);
  const done = useCallback((text: string) => setState({ text, tone: 'done' }), []);
  const failed = useCallback((message: string) => setState({ text: `${messages.errorPrefix}: ${message}`, tone: 'failed' }), []);
  const clear = useCallback(() => setState({ text: '', tone: 'done' }), []);
  return useMemo(() => ({ ...state, working, done, failed, clear }), [state, working, done, failed, clear]);
}

/** Success in green, work in grey, an error red and announced (role alert), never in the success style. */
export function StatusLine({ status, testId, inline = false }: { status: Status; testId: string; inline?: boolean }) {
  if (!status.text) return null;
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className={`status-line ${status.tone}`} role={status.tone === 'failed' ? 'alert' : 'status'} data-testid={testId} data-tone={status.tone}>
      {status.text}
    </Tag>
  );
}
