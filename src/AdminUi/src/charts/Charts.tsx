/** Plain SVG charts: a rate gauge, horizontal bars of rates, columns per period. Labels are text, so they read aloud. */

export function RateGauge({ label, value, detail }: { label: string; value: number | null; detail?: string }) {
  const r = 40;
  const circumference = 2 * Math.PI * r;
  const share = value === null ? 0 : Math.max(0, Math.min(100, value)) / 100;
  return (
    <figure className="gauge">
      <svg viewBox="0 0 100 100" role="img" aria-label={`${label}: ${value === null ? "chưa có số liệu" : `${value}%`}`}>
        <circle cx="50" cy="50" r={r} className="track" />
        <circle cx="50" cy="50" r={r} className="value" strokeDasharray={`${share * circumference} ${circumference}`} transform="rotate(-90 50 50)" />
        <text x="50" y="55" textAnchor="middle">{value === null ? "—" : `${Math.round(value * 10) / 10}%`}</text>
      </svg>
      <figcaption><strong>{label}</strong>{detail && <div className="muted small">{detail}</div>}</figcaption>
    </figure>
  );
}

export interface Bar {
  label: string;
  value: number | null;
  note?: string;
}

export function RateBars({ title, bars }: { title: string; bars: Bar[] }) {
  const row = 28;
  const labelWidth = 300;
  const width = 700;
  const barWidth = width - labelWidth - 60;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? <p className="muted">Chưa có số liệu.</p> : (
        <svg viewBox={`0 0 ${width} ${bars.length * row + 4}`} role="img" aria-label={title}>
          {bars.map((b, i) => (
            <g key={b.label + i} transform={`translate(0 ${i * row})`}>
              <text x={labelWidth - 8} y={18} textAnchor="end" className="label">{truncate(b.label, 40)}</text>
              <rect x={labelWidth} y={6} width={barWidth} height={16} className="track" />
              <rect x={labelWidth} y={6} width={((b.value ?? 0) / 100) * barWidth} height={16} className="value" />
              <text x={labelWidth + barWidth + 6} y={18} className="label">{b.value === null ? "—" : `${Math.round(b.value * 10) / 10}%`}</text>
              {b.note && <title>{b.note}</title>}
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}

export interface Column {
  label: string;
  total: number;
  part: number;
}

/** Received per period, the online part darker. */
export function Columns({ title, columns, totalLabel, partLabel }: { title: string; columns: Column[]; totalLabel: string; partLabel: string }) {
  const height = 160;
  const width = 640;
  const max = Math.max(1, ...columns.map((c) => c.total));
  const step = columns.length ? width / columns.length : width;
  const barWidth = Math.min(40, step * 0.7);
  return (
    <figure className="chart">
      <figcaption>{title} <span className="legend"><i className="total" /> {totalLabel} <i className="part" /> {partLabel}</span></figcaption>
      {columns.length === 0 ? <p className="muted">Chưa có số liệu.</p> : (
        <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={title}>
          {columns.map((c, i) => {
            const x = i * step + (step - barWidth) / 2;
            const h = (c.total / max) * height;
            const p = (c.part / max) * height;
            return (
              <g key={c.label}>
                <rect x={x} y={height - h} width={barWidth} height={h} className="total"><title>{`${c.label}: ${c.total} / ${c.part}`}</title></rect>
                <rect x={x} y={height - p} width={barWidth} height={p} className="part" />
                <text x={x + barWidth / 2} y={height - h - 4} textAnchor="middle" className="label">{c.total}</text>
                <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" className="label">{c.label}</text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
