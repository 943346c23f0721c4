// One headline figure of a report: its label above, its value large.

export function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div class="figure">
      <span class="label">{label}</span>
      <span class="value">{value}</span>
    </div>
  );
}
