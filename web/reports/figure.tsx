// One headline figure of a report: its label above, its value large, and what it was the period
// before, when there is one.

export function Figure({ label, value, before }: { label: string; value: string; before?: string | null }) {
  return (
    <div class="figure">
      <span class="label">{label}</span>
      <span class="value">{value}</span>
      {before && <span class="before">{before}</span>}
    </div>
  );
}
