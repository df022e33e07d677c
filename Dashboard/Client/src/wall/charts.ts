// The wall's four charts (ApexCharts, SVG): incidents per hour over 24 h, today by category class and by
// street, and each department's SLA compliance. Redrawn from each stats refresh without animation, so
// a refresh every few seconds does not make the hall watch bars grow.

import ApexCharts from 'apexcharts';
import type { WallStats } from './model';

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
      const rows = (name === 'byCategory' ? stats.byCategory : stats.byStreet).slice(0, 6);
      return {
        ...base(height),
        chart: { ...base(height).chart, type: 'bar' },
        series: [{ name: 'incidents', data: rows.map((r) => r.count) }],
        xaxis: { categories: rows.map((r) => r.name), labels },
        yaxis: { labels: { ...labels, maxWidth: 220 } },
        plotOptions: { bar: { horizontal: true, barHeight: '70%', borderRadius: 3 } },
        dataLabels: { enabled: true, style: { fontSize: fontSize() } },
        colors: [name === 'byCategory' ? '#38bdf8' : '#a78bfa'],
      };
    }
    case 'sla': {
      const rows = stats.sla.slice(0, 6);
      return {
        ...base(height),
        chart: { ...base(height).chart, type: 'bar' },
        series: [{ name: 'SLA', data: rows.map((r) => Math.round(r.compliance * 100)) }],
        xaxis: { categories: rows.map((r) => r.name), labels, max: 100, min: 0 },
        yaxis: { labels: { ...labels, maxWidth: 260 } },
        plotOptions: {
          bar: { horizontal: true, barHeight: '70%', borderRadius: 3, distributed: true },
        },
        dataLabels: { enabled: true, formatter: (v: number) => `${v}%`, style: { fontSize: fontSize() } },
        colors: rows.map((r) => (r.compliance >= 0.9 ? '#22c55e' : r.compliance >= 0.7 ? '#f59e0b' : '#ef4444')),
      };
    }
  }
}

export function createCharts(root: HTMLElement, initial: WallStats): WallCharts {
  const charts: { name: ChartName; element: HTMLElement; chart: ApexCharts; height: number }[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('[data-wall-chart]')) {
    if (element.offsetParent === null) {
      continue; // this screen's role does not show charts
    }
    const name = element.dataset['wallChart'] as ChartName;
    const height = Math.max(80, element.clientHeight);
    const chart = new ApexCharts(element, options(name, initial, height));
    void chart.render().then(() => (element.dataset['chartReady'] = 'true'));
    charts.push({ name, element, chart, height });
  }
  return {
    update(stats) {
      for (const entry of charts) {
        void entry.chart.updateOptions(options(entry.name, stats, entry.height), false, false);
      }
    },
  };
}
