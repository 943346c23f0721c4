// The phone's corner of the workstation: whether it is on the line, the microphone and speaker, the
// input level, and during a call mute and hold. What the phone cannot do (no microphone, no edge)
// is said here in words, with what to do about it.
import { useEffect, useRef } from 'preact/hooks';
import type { Phone, PhoneView } from './phone.ts';
import { t } from './strings.ts';

const deviceName = (d: MediaDeviceInfo, i: number) => d.label || `${i + 1}`;

export function PhonePanel({ phone, view }: { phone: Phone; view: PhoneView }) {
  const meter = useRef<HTMLMeterElement>(null);
  // the level moves 60 times a second: written straight into the element, not through a render
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      if (meter.current) meter.current.value = phone.level();
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [phone]);

  if (view.status === 'unavailable' || view.status === 'off') return null;
  const call = view.call && view.call.state !== 'ended' ? view.call : null;
  const talking = call?.state === 'talking';
  const problem = view.mic === 'refused' ? t.phone.micRefused : view.mic === 'missing' ? t.phone.micMissing : null;
  const sinkable = 'setSinkId' in HTMLMediaElement.prototype && view.outputs.length > 0;
  return (
    <section class="card phone" aria-label={t.phone.title}>
      <p class="phone-head">
        <strong>{t.phone.title}:</strong>{' '}
        <span role="status" class={`phone-status phone-${view.status}`}>
          {problem ? t.phone.notReady : t.phone.status[view.status]}
        </span>
      </p>
      {problem ? (
        <div role="alert" class="error">
          <p>{problem}</p>
          <button type="button" onClick={() => void phone.retryMic()}>
            {t.phone.retryMic}
          </button>
        </div>
      ) : (
        (view.status === 'lost' || view.status === 'refused') && (
          <p role="alert" class="error">
            {t.phone.lostHint}
          </p>
        )
      )}
      {view.mic === 'ok' && (
        <div class="devices">
          <label>
            {t.phone.input}
            <select value={view.inputId} onChange={(e) => void phone.chooseInput(e.currentTarget.value)}>
              <option value="">{t.phone.defaultDevice}</option>
              {view.inputs.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {deviceName(d, i)}
                </option>
              ))}
            </select>
          </label>
          {sinkable && (
            <label>
              {t.phone.output}
              <select value={view.outputId} onChange={(e) => void phone.chooseOutput(e.currentTarget.value)}>
                <option value="">{t.phone.defaultDevice}</option>
                {view.outputs.map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {deviceName(d, i)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t.phone.level}
            <meter ref={meter} min={0} max={1} low={0.05} high={0.9} optimum={0.4} value={0} />
          </label>
        </div>
      )}
      {call?.state === 'ringing' && (
        <p class="phone-ringing">
          {t.phone.ringing} <kbd>F4</kbd>
        </p>
      )}
      {call?.state === 'answering' && <p class="muted">{t.phone.answering}</p>}
      {talking && (
        <div class="actions">
          <button type="button" class="secondary" aria-pressed={call.muted} onClick={() => phone.toggle('muted')}>
            {call.muted ? t.phone.unmute : t.phone.mute} <kbd>F6</kbd>
          </button>
          <button type="button" class="secondary" aria-pressed={call.held} onClick={() => phone.toggle('held')}>
            {call.held ? t.phone.unhold : t.phone.hold} <kbd>F7</kbd>
          </button>
        </div>
      )}
      {talking && (call.muted || call.held) && (
        <p role="status" class="phone-warn">
          {[call.muted ? t.phone.muted : '', call.held ? t.phone.held : ''].filter(Boolean).join(' · ')}
        </p>
      )}
    </section>
  );
}
