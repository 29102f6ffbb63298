import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour. */
  stroke: string;
}

/**
 * A time series chart (uPlot: canvas, ~50 KB, no dependencies): `times` in seconds since the epoch,
 * each series' values aligned with them. It takes its container's width and follows it; the legend
 * under it shows the values at the pointer. Screen readers get `label` and `summary` (the figure's
 * name and caption), the numbers being in the totals beside it.
 */
export function TimeChart({
  label,
  summary,
  times,
  series,
  unit,
  height = 180,
}: {
  label: string;
  summary: string;
  times: number[];
  series: Series[];
  unit: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(240, el.clientWidth);
    const format = (v: number | null) => (v === null ? '—' : `${v.toLocaleString(undefined, { maximumFractionDigits: 3 })} ${unit}`);
    const plot = new uPlot(
      {
        width: width(),
        height,
        series: [
          {},
          ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, fill: `${s.stroke}22`, value: (_u: uPlot, v: number | null) => format(v) })),
        ],
        axes: [{}, { size: 60, values: (_u, ticks) => ticks.map((t) => t.toLocaleString(undefined, { maximumFractionDigits: 3 })) }],
        scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        cursor: { drag: { x: false, y: false } },
      },
      [times, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, series, unit, height]);
  return (
    <figure class="chart" aria-label={label} data-points={times.length}>
      <figcaption>
        <strong>{label}</strong> <span class="muted">{summary}</span>
      </figcaption>
      <div ref={box} class="chart-canvas" />
    </figure>
  );
}
