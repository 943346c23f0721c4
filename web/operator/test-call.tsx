// Demo mode's «Тестовый звонок» on the idle screen: the operator rings themselves, and the call
// arrives as any call does (POST /api/v1/agent/test-call reports it through the telephony events;
// the operator's feed brings the offer). Shown only when the page says it is a demo.
import { useState } from 'preact/hooks';
import { request } from '../shared/api.ts';
import { t } from './strings.ts';

const demo = () => document.querySelector('meta[name="otvet-demo"]')?.getAttribute('content') === '1';

export function TestCall({ ready }: { ready: boolean }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (!demo()) return null;
  const ring = async () => {
    setBusy(true);
    setMessage(null);
    // (untyped until the web client's types are generated again with this path)
    const r = await request<{ callId: string }>('POST', '/api/v1/agent/test-call', {});
    setBusy(false);
    setMessage(r.ok ? { text: t.testCall.placed, error: false } : { text: r.message, error: true });
  };
  return (
    <div class="test-call">
      <p class="muted">{ready ? t.testCall.hint : t.testCall.notReady}</p>
      <button type="button" class="secondary" onClick={() => void ring()} disabled={!ready || busy}>
        {t.testCall.button}
      </button>
      {message && (
        <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
