// The wall's four charts (ApexCharts, SVG): incidents per hour over 24 h, today by category class and by
// street, and each department's SLA compliance. Redrawn from each stats refresh without animation, so
// a refresh every few seconds does not make the hall watch bars grow.

import ApexCharts from 'apexcharts';
import type { WallStats } from './model';
import { wallText } from './text';

type ChartName = 'perHour' | 'byCategory' | 'byStreet' | 'sla';

export interface WallCharts {
  update(stats: WallStats): void;
}

function fontPixels(): number {
  return Math.max(12, Math.round(window.innerHeight / 62));
}

function fontSize(): string {
  return `${fontPixels()}px`;
}

function base(height: number): ApexCharts.ApexOptions {
  return {
    chart: {
      height,
      background: 'transparent',
      foreColor: '#cbd5e1',
      fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif',
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: false },
      parentHeightOffset: 0,
    },
    theme: { mode: 'dark' },
    grid: { borderColor: '#1e2b45', padding: { left: 4, right: 8, top: -8, bottom: 0 } },
    dataLabels: { enabled: false },
    legend: { show: false },
    tooltip: { enabled: false },
    states: { hover: { filter: { type: 'none' } } },
  };
}

/** As many bars as stand one label-height apart: more would print their names on top of each other. */
function rowsThatFit(height: number): number {
  return Math.max(1, Math.min(6, Math.floor(height / (fontPixels() * 1.9))));
}

/**
 * Horizontal bars read across the hall by their own value labels: the value axis's numbers would only crowd
 * the bottom bar (at 1080p they ran into its label), so that axis is not drawn.
 */
function bars(height: number): ApexCharts.ApexOptions & { xaxis: ApexCharts.ApexOptions['xaxis'] } {
  const labels = { style: { fontSize: fontSize() } };
  return {
    ...base(height),
    chart: { ...base(height).chart, type: 'bar' },
    grid: { ...base(height).grid, show: false, padding: { left: 4, right: fontPixels() * 2, top: -12, bottom: -8 } },
    xaxis: { labels: { show: false }, axisTicks: { show: false }, axisBorder: { show: false } },
    yaxis: { labels: { ...labels, maxWidth: Math.round(fontPixels() * 7.5) } },
    plotOptions: { bar: { horizontal: true, barHeight: '72%', borderRadius: 3 } },
  };
}

function barLabels(format: (value: number) => string): ApexCharts.ApexOptions['dataLabels'] {
  return {
    enabled: true,
    formatter: (v: number) => format(v),
    textAnchor: 'start',
    offsetX: 4,
    style: { fontSize: fontSize(), fontWeight: 700, colors: ['#f8fafc'] },
    dropShadow: { enabled: true, blur: 2, opacity: 0.9 },
  };
}

/** True when the chart would show nothing but axes: the panel says so in words instead. */
function isEmpty(name: ChartName, stats: WallStats): boolean {
  switch (name) {
    case 'perHour':
      return stats.perHour.every((h) => h.count === 0);
    case 'byCategory':
      return stats.byCategory.length === 0;
    case 'byStreet':
      return stats.byStreet.length === 0;
    case 'sla':
      return stats.sla.length === 0;
  }
}

function options(name: ChartName, stats: WallStats, height: number): ApexCharts.ApexOptions {
  const labels = { style: { fontSize: fontSize() } };
  switch (name) {
    case 'perHour':
      return {
        ...base(height),
        chart: { ...base(height).chart, type: 'area' },
        // The first and last hour labels are centred on the plot's edges: room for half a label on each side
        // keeps the first one from running into the y-axis numbers.
        grid: { ...base(height).grid, padding: { left: fontPixels(), right: fontPixels(), top: -8, bottom: 0 } },
        series: [{ name: 'incidents', data: stats.perHour.map((h) => h.count) }],
        xaxis: { categories: stats.perHour.map((h) => h.label), labels: { ...labels, rotate: 0, hideOverlappingLabels: true }, tickAmount: 8 },
        yaxis: { labels, forceNiceScale: true, min: 0 },
        stroke: { curve: 'smooth', width: 3 },
        colors: ['#5eead4'],
        fill: { type: 'gradient', gradient: { opacityFrom: 0.55, opacityTo: 0.05 } },
      };
    case 'byCategory':
    case 'byStreet': {
      const rows = (name === 'byCategory' ? stats.byCategory : stats.byStreet).slice(0, rowsThatFit(height));
      return {
        ...bars(height),
        series: [{ name: 'incidents', data: rows.map((r) => r.count) }],
        xaxis: { ...bars(height).xaxis, categories: rows.map((r) => r.name) },
        dataLabels: barLabels((v) => String(v)),
        colors: [name === 'byCategory' ? '#38bdf8' : '#a78bfa'],
      };
    }
    case 'sla': {
      const rows = stats.sla.slice(0, rowsThatFit(height));
      return {
        ...bars(height),
        series: [{ name: 'SLA', data: rows.map((r) => Math.round(r.compliance * 100)) }],
        xaxis: { ...bars(height).xaxis, categories: rows.map((r) => r.name), max: 100, min: 0 },
        plotOptions: { bar: { horizontal: true, barHeight: '72%', borderRadius: 3, distributed: true } },
        dataLabels: barLabels((v) => `${v}%`),
        colors: rows.map((r) => (r.compliance >= 0.9 ? '#22c55e' : r.compliance >= 0.7 ? '#f59e0b' : '#ef4444')),
      };
    }
  }
}

export function createCharts(root: HTMLElement, initial: WallStats): WallCharts {
  const charts: { name: ChartName; element: HTMLElement; chart: ApexCharts; height: number; empty: HTMLElement }[] = [];
  const showEmpty = (entry: { name: ChartName; element: HTMLElement; empty: HTMLElement }, stats: WallStats): void => {
    const empty = isEmpty(entry.name, stats);
    entry.element.dataset['empty'] = String(empty);
    entry.empty.hidden = !empty;
  };
  for (const element of root.querySelectorAll<HTMLElement>('[data-wall-chart]')) {
    if (element.offsetParent === null) {
      continue; // this screen's role does not show charts
    }
    const name = element.dataset['wallChart'] as ChartName;
    const height = Math.max(80, element.clientHeight);
    const empty = document.createElement('p');
    empty.className = 'chart-empty';
    empty.textContent = wallText(name === 'sla' ? 'Wall.NoSla' : 'Wall.NoData', '—');
    element.after(empty);
    const chart = new ApexCharts(element, options(name, initial, height));
    void chart.render().then(() => (element.dataset['chartReady'] = 'true'));
    const entry = { name, element, chart, height, empty };
    showEmpty(entry, initial);
    charts.push(entry);
  }
  return {
    update(stats) {
      for (const entry of charts) {
        showEmpty(entry, stats);
        void entry.chart.updateOptions(options(entry.name, stats, entry.height), false, false);
      }
    },
  };
}
