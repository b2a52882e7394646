/** A small horizontal bar chart (SVG-free, pure CSS) for dashboard figures. */
export function BarChart({ data, height = 22 }: { data: { label: string; value: number; color?: string }[]; height?: number }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <div role="img" aria-label={data.map((d) => `${d.label} ${d.value}`).join(', ')}>
      {data.map((d) => (
        <div key={d.label} style={{ display: 'flex', alignItems: 'center', marginBottom: 6, gap: 8 }}>
          <span style={{ width: 96, flex: '0 0 96px', fontSize: 12, textAlign: 'right' }}>{d.label}</span>
          <div style={{ flex: 1, background: '#f5f5f5', height, borderRadius: 4 }}>
            <div style={{ width: `${(d.value / max) * 100}%`, minWidth: d.value ? 2 : 0, background: d.color ?? '#1677ff', height, borderRadius: 4, transition: 'width .3s' }} />
          </div>
          <span style={{ width: 40, fontVariantNumeric: 'tabular-nums' }}>{d.value}</span>
        </div>
      ))}
    </div>
  );
}
