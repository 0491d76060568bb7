import { describe, expect, it } from '@jest/globals'
import type { AuditTrends } from '../../src/review/audits.js'
import { incidentMonths } from '../../src/review/incident-months.js'
import { renderChart, renderCharts } from '../../src/report/charts/render.js'
import { auditMeansChart, incidentsChart, packetChartSpecs, timeToResolveChart } from '../../src/report/charts/specs.js'

const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
const H = 3_600_000

export const AUDITS: AuditTrends = {
  month: '2026-10',
  months: MONTHS,
  dimensions: [
    { dimension: 'correctness', scale: '1-5', mean: 4, previous: 4.2, change: -0.2, count: 10, trend: [4.4, 4.3, 4.5, 4.2, 4.2, 4], flagged: { mean: null, count: 0 } },
    { dimension: 'tone', scale: '0-1', mean: 0.8, previous: 0.9, change: -0.1, count: 10, trend: [null, 0.85, 0.9, 0.88, 0.9, 0.8], flagged: { mean: null, count: 0 } }
  ],
  lowest: [],
  records: 60,
  counting: { records: 60, duplicates: 0, superseded: 0, transcripts: 10, flaggedTranscripts: 0 }
}

export const INCIDENT_ROWS = [
  { start: '2026-09-22T10:00:00.000Z', severity: 'Sev1', ttrMs: 5 * H },
  { start: '2026-10-02T10:00:00.000Z', severity: 'Sev2', ttrMs: 2 * H },
  { start: '2026-10-05T10:00:00.000Z', severity: 'Sev1', ttrMs: 8 * H },
  { start: '2026-10-09T10:00:00.000Z', severity: 'Sev3', ttrMs: 3 * H },
  { start: '2026-10-20T10:00:00.000Z', severity: 'Sev2' },
  { start: '2026-03-01T10:00:00.000Z', severity: 'Sev1', ttrMs: 100 * H }
]

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('incident months', () => {
  it('counts incidents by the month they started, by severity, with median and worst time to resolve', () => {
    const m = incidentMonths(INCIDENT_ROWS, MONTHS, ['Sev1', 'Sev2', 'Sev3'])
    expect(m.severities).toEqual(['Sev1', 'Sev2', 'Sev3'])
    const oct = m.incidents[5]
    expect(oct).toEqual({ month: '2026-10', total: 4, bySeverity: [1, 2, 1], resolved: 3, ttrMedianMs: 3 * H, ttrWorstMs: 8 * H })
    expect(m.incidents[4]).toMatchObject({ month: '2026-09', total: 1, resolved: 1, ttrMedianMs: 5 * H })
    expect(m.incidents[0]).toMatchObject({ total: 0, ttrMedianMs: null, ttrWorstMs: null })
    // The March incident is outside the six months.
    expect(m.incidents.reduce((n, x) => n + x.total, 0)).toBe(5)
  })

  it('takes the median of an even count as the mean of the middle two', () => {
    const m = incidentMonths([{ start: '2026-10-01T00:00:00Z', severity: 'Sev2', ttrMs: H }, { start: '2026-10-02T00:00:00Z', severity: 'Sev2', ttrMs: 4 * H }], ['2026-10'], ['Sev1', 'Sev2'])
    expect(m.incidents[0]?.ttrMedianMs).toBe(2.5 * H)
  })
})

describe('chart specs', () => {
  const history = incidentMonths(INCIDENT_ROWS, MONTHS, ['Sev1', 'Sev2', 'Sev3'])

  it('states every plotted number in the alt text', () => {
    const audit = auditMeansChart(AUDITS)
    expect(audit.empty).toBe(false)
    // correctness 4 on 1–5 is 0.75 on 0–1; tone has no scores in May.
    expect(audit.alt).toContain('correctness: 2026-05 0.85, 2026-06 0.82, 2026-07 0.88, 2026-08 0.80, 2026-09 0.80, 2026-10 0.75')
    expect(audit.alt).toContain('tone: 2026-05 no scores, 2026-06 0.85')
    const incidents = incidentsChart(history)
    expect(incidents.alt).toContain('2026-10: 4 (Sev1 1, Sev2 2, Sev3 1)')
    expect(incidents.alt).toContain('2026-05: 0;')
    const ttr = timeToResolveChart(history)
    expect(ttr.alt).toContain('in hours')
    expect(ttr.alt).toContain('2026-10: median 3, worst 8 (3 resolved)')
    expect(ttr.alt).toContain('2026-08: none resolved')
  })

  it('says "no data" when a chart has nothing to plot', () => {
    const empty = incidentMonths([], MONTHS, ['Sev1'])
    const specs = packetChartSpecs({ ...AUDITS, dimensions: [], records: 0 }, empty)
    expect(specs.map((s) => s.empty)).toEqual([true, true, true])
    for (const s of specs) expect(s.alt).toMatch(/: no data \(no .+ in 2026-05 to 2026-10\)\.$/)
  })

  it('uses minutes when every incident was resolved within two hours', () => {
    const quick = incidentMonths([{ start: '2026-10-01T00:00:00Z', severity: 'Sev2', ttrMs: 25 * 60_000 }], MONTHS, ['Sev2'])
    expect(timeToResolveChart(quick).alt).toContain('2026-10: median 25, worst 25 (1 resolved)')
    expect(timeToResolveChart(quick).alt).toContain('in minutes')
  })
})

describe('chart rendering', () => {
  const history = incidentMonths(INCIDENT_ROWS, MONTHS, ['Sev1', 'Sev2', 'Sev3'])

  it('renders each chart to a PNG with axis titles and a legend in the SVG', async () => {
    const charts = await renderCharts(packetChartSpecs(AUDITS, history))
    for (const c of charts) {
      expect(Buffer.from(c.png.subarray(0, 8))).toEqual(PNG_SIGNATURE)
      expect(c.width).toBeGreaterThan(1000)
      expect(c.height).toBeGreaterThan(400)
      expect(c.png.length).toBeGreaterThan(10_000)
    }
    const [audit, incidents, ttr] = charts
    expect(audit?.svg).toContain('mean score (0–1)')
    expect(audit?.svg).toContain('correctness')
    expect(audit?.svg).toContain('tone')
    expect(incidents?.svg).toContain('Sev3')
    expect(ttr?.svg).toContain('time to resolve (hours)')
  })

  it('gives the same bytes for the same chart', async () => {
    const spec = incidentsChart(history)
    const [a, b] = [await renderChart(spec), await renderChart(spec)]
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true)
  })

  it('renders "no data" as a real image, not a broken one', async () => {
    const chart = await renderChart(incidentsChart(incidentMonths([], MONTHS, [])))
    expect(Buffer.from(chart.png.subarray(0, 8))).toEqual(PNG_SIGNATURE)
    expect(chart.svg).toContain('no data')
    expect(chart.png.length).toBeGreaterThan(2_000)
  })
})
