// How long the call rings here before the ACD gives it to another operator: the seconds left of
// the queue's ring timeout, as the server counts them (GET /api/v1/agent/calls/{callId}/ring),
// then counted down by this page's clock.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../shared/api.ts';
import { t } from './strings.ts';

export function RingCountdown({ callId, now }: { callId: string; now: number }) {
  const [ring, setRing] = useState<{ until: number; timeout: number } | null>(null);
  useEffect(() => {
    let gone = false;
    void get('/api/v1/agent/calls/{callId}/ring', { path: { callId } }).then((r) => {
      // (none when the region's PBX decides, or the call stopped ringing meanwhile)
      if (gone || !r.ok || r.body.secondsLeft === null || r.body.ringTimeoutSeconds === null) return;
      setRing({ until: Date.now() + r.body.secondsLeft * 1000, timeout: r.body.ringTimeoutSeconds });
    });
    return () => {
      gone = true;
    };
  }, [callId]);
  if (!ring) return null;
  const left = Math.max(0, Math.ceil((ring.until - now) / 1000));
  return (
    <div class="ring-countdown">
      <span>{t.ringLeft(left)}</span>
      <progress max={ring.timeout} value={left} aria-label={t.ringLeftLabel} />
    </div>
  );
}
