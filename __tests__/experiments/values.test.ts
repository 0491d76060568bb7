import { describe, expect, it } from '@jest/globals'
import { metricValueOf, parseGuardrailSpec, parseMetricSpec, parseResultSpec, targetMetOf } from '../../src/experiments/values.js'

describe('flag values', () => {
  it('reads numbers as numbers and anything else as text', () => {
    expect(metricValueOf(' 0.82 ')).toBe(0.82)
    expect(metricValueOf('-3')).toBe(-3)
    expect(metricValueOf('1e3')).toBe(1000)
    expect(metricValueOf('4.1 s')).toBe('4.1 s')
    expect(metricValueOf('< 2%')).toBe('< 2%')
  })

  it('parses --metric name:baseline:target, a target may hold colons', () => {
    expect(parseMetricSpec('task_success_rate:0.78:0.82')).toEqual({ name: 'task_success_rate', baseline: 0.78, target: 0.82 })
    expect(parseMetricSpec('p95:4.1 s:<= 3:30')).toEqual({ name: 'p95', baseline: '4.1 s', target: '<= 3:30' })
    expect(parseMetricSpec('only:one')).toEqual({ error: expect.stringMatching(/not name:baseline:target/) })
    expect(parseMetricSpec(':1:2')).toHaveProperty('error')
  })

  it('parses --guardrail name:threshold at the last colon', () => {
    expect(parseGuardrailSpec('audit:tone:>= 0.9')).toEqual({ name: 'audit:tone', threshold: '>= 0.9' })
    expect(parseGuardrailSpec('csat:4.2')).toEqual({ name: 'csat', threshold: 4.2 })
    expect(parseGuardrailSpec('nothreshold')).toHaveProperty('error')
    expect(parseGuardrailSpec('name:')).toHaveProperty('error')
  })

  it('parses --result name:observed[:met|missed]', () => {
    expect(parseResultSpec('success:0.81')).toEqual({ name: 'success', observed: 0.81 })
    expect(parseResultSpec('success:0.79:met')).toEqual({ name: 'success', observed: 0.79, targetMet: true })
    expect(parseResultSpec('latency:3:30 min:missed')).toEqual({ name: 'latency', observed: '3:30 min', targetMet: false })
    expect(parseResultSpec('success')).toHaveProperty('error')
  })
})

describe('targetMetOf', () => {
  const metric = (baseline: number | string, target: number | string) => ({ name: 'm', baseline, target })
  it('reads the direction from baseline to target', () => {
    expect(targetMetOf(metric(0.78, 0.82), 0.83)).toBe(true)
    expect(targetMetOf(metric(0.78, 0.82), 0.8)).toBe(false)
    expect(targetMetOf(metric(0.031, 0.005), 0.002)).toBe(true)
    expect(targetMetOf(metric(0.031, 0.005), 0.01)).toBe(false)
    expect(targetMetOf(metric('48200 tokens', '30000 tokens'), 27400)).toBe(true)
  })
  it('reads a comparison target', () => {
    expect(targetMetOf(metric(0.8, '>= 0.9'), 0.9)).toBe(true)
    expect(targetMetOf(metric(0.8, '> 0.9'), 0.9)).toBe(false)
    expect(targetMetOf(metric('3%', '< 2%'), '1.5%')).toBe(true)
    expect(targetMetOf(metric(5, '≤ 3 s'), '3.5 s')).toBe(false)
  })
  it('cannot tell when the target equals the baseline or a value is not a number', () => {
    expect(targetMetOf(metric(0.78, 0.78), 0.8)).toBeUndefined()
    expect(targetMetOf(metric(0.78, 0.82), 'n/a')).toBeUndefined()
    expect(targetMetOf(metric('friendly', 'friendlier'), 0.3)).toBeUndefined()
  })
})
