// NEWS2 against the Royal College of Physicians' published scoring table (2017, chart 1): every band edge of
// every parameter, the clinical risk bands, partial scores, and worked examples.
import { describe, expect, test } from 'vitest';
import { NEWS2_PARAMETERS, bandOf, defaultFlag, news2Of, pointsOf } from '../../server/clinical/news2.js';
import type { VitalSign } from '../../server/wire/contract.js';

const NOW = new Date('2026-12-02T08:00:00Z');
const RECENT = '2026-12-02T07:30:00Z';

describe('the NEWS2 scoring table, band edge by band edge', () => {
  test.each([
    // respiratory rate: ≤8 3, 9–11 1, 12–20 0, 21–24 2, ≥25 3
    ['respiratoryRate', 8, 3], ['respiratoryRate', 9, 1], ['respiratoryRate', 11, 1], ['respiratoryRate', 12, 0],
    ['respiratoryRate', 20, 0], ['respiratoryRate', 21, 2], ['respiratoryRate', 24, 2], ['respiratoryRate', 25, 3],
    // SpO2 scale 1: ≤91 3, 92–93 2, 94–95 1, ≥96 0
    ['spo2', 91, 3], ['spo2', 92, 2], ['spo2', 93, 2], ['spo2', 94, 1], ['spo2', 95, 1], ['spo2', 96, 0],
    // systolic: ≤90 3, 91–100 2, 101–110 1, 111–219 0, ≥220 3
    ['systolic', 90, 3], ['systolic', 91, 2], ['systolic', 100, 2], ['systolic', 101, 1], ['systolic', 110, 1],
    ['systolic', 111, 0], ['systolic', 219, 0], ['systolic', 220, 3],
    // pulse: ≤40 3, 41–50 1, 51–90 0, 91–110 1, 111–130 2, ≥131 3
    ['pulse', 40, 3], ['pulse', 41, 1], ['pulse', 50, 1], ['pulse', 51, 0], ['pulse', 90, 0], ['pulse', 91, 1],
    ['pulse', 110, 1], ['pulse', 111, 2], ['pulse', 130, 2], ['pulse', 131, 3],
    // temperature: ≤35.0 3, 35.1–36.0 1, 36.1–38.0 0, 38.1–39.0 1, ≥39.1 2
    ['temperature', 35.0, 3], ['temperature', 35.1, 1], ['temperature', 36.0, 1], ['temperature', 36.1, 0],
    ['temperature', 38.0, 0], ['temperature', 38.1, 1], ['temperature', 39.0, 1], ['temperature', 39.1, 2],
  ] as const)('%s %d scores %d', (parameter, value, points) => {
    expect(pointsOf(NEWS2_PARAMETERS[parameter], value)).toBe(points);
  });

  test('clinical risk: 0–4 low, a single 3 low-medium, 5–6 medium, 7 or more high', () => {
    expect(bandOf(4, [{ points: 2 }, { points: 2 }])).toBe('low');
    expect(bandOf(3, [{ points: 3 }])).toBe('low-medium');
    expect(bandOf(5, [{ points: 3 }, { points: 2 }])).toBe('medium');
    expect(bandOf(6, [{ points: 3 }, { points: 3 }])).toBe('medium');
    expect(bandOf(7, [{ points: 1 }])).toBe('high');
  });

  test('default flags follow the same bands: 3 points critical, 1–2 low or high, 0 normal', () => {
    expect(defaultFlag(NEWS2_PARAMETERS.spo2, 88)).toBe('critical-low');
    expect(defaultFlag(NEWS2_PARAMETERS.spo2, 94)).toBe('low');
    expect(defaultFlag(NEWS2_PARAMETERS.pulse, 108)).toBe('high');
    expect(defaultFlag(NEWS2_PARAMETERS.pulse, 135)).toBe('critical-high');
    expect(defaultFlag(NEWS2_PARAMETERS.temperature, 38.7)).toBe('high');
    expect(defaultFlag(NEWS2_PARAMETERS.temperature, 34.9)).toBe('critical-low');
    expect(defaultFlag(NEWS2_PARAMETERS.systolic, 120)).toBe('normal');
  });
});

function vitals(values: Partial<Record<'rr' | 'spo2' | 'sys' | 'hr' | 'temp' | 'o2flow', number>>, effective = RECENT): VitalSign[] {
  const list: VitalSign[] = [];
  const add = (code: string, name: string, value: number | undefined, unit: string): void => {
    if (value !== undefined) list.push({ code, name, value, unit, effective, components: [] });
  };
  add('9279-1', 'Respiratory rate', values.rr, '/min');
  add('59408-5', 'Oxygen saturation', values.spo2, '%');
  add('8867-4', 'Heart rate', values.hr, '/min');
  add('8310-5', 'Body temperature', values.temp, 'Cel');
  add('3151-8', 'Inhaled oxygen flow rate', values.o2flow, 'L/min');
  if (values.sys !== undefined)
    list.push({
      code: '85354-9',
      name: 'Blood pressure',
      effective,
      components: [
        { code: '8480-6', name: 'Systolic', value: values.sys, unit: 'mm[Hg]' },
        { code: '8462-4', name: 'Diastolic', value: 70, unit: 'mm[Hg]' },
      ],
    });
  return list;
}

describe('NEWS2 from a patient\'s latest vitals', () => {
  test('a well patient on air scores 0, low; partial only for consciousness when no level of responsiveness is recorded', () => {
    const score = news2Of(vitals({ rr: 16, spo2: 97, sys: 125, hr: 72, temp: 36.8, o2flow: 0 }), { now: NOW })!;
    expect(score).toMatchObject({ score: 0, band: 'low', partial: true, missing: ['Consciousness'] });
  });

  const avpu = (text: string, effective = RECENT): VitalSign => ({ code: '67775-7', name: 'Level of responsiveness', text, effective, components: [] });

  test('every parameter recorded, alert: a complete score, never partial', () => {
    const score = news2Of([...vitals({ rr: 16, spo2: 97, sys: 125, hr: 72, temp: 36.8, o2flow: 0 }), avpu('Alert')], { now: NOW })!;
    expect(score).toMatchObject({ score: 0, band: 'low', partial: false, missing: [] });
    expect(score.parameters.at(-1)).toEqual({ name: 'Consciousness', points: 0 });
  });

  test.each(['Responds to voice', 'Responds to pain', 'Unresponsive', 'New confusion', 'LA17108-4', '450848006', 'V', 'Not alert', 'Responds to voice, not fully alert'])(
    'consciousness other than alert (%s) scores 3, and alone makes the band low-medium',
    (answer) => {
      const score = news2Of([...vitals({ rr: 16, spo2: 97, sys: 125, hr: 72, temp: 36.8, o2flow: 0 }), avpu(answer)], { now: NOW })!;
      expect(score).toMatchObject({ score: 3, band: 'low-medium', partial: false });
    },
  );

  test('worked example from the NHS Wales Emergency Department FHIR IG (RR 21, SpO2 93 on air, 120/60, HR 95, alert, 37.5 °C): 5, medium', () => {
    // Chart 1: RR 21–24 → 2, SpO2 92–93 → 2, air → 0, systolic 111–219 → 0, pulse 91–110 → 1, alert → 0,
    // 36.1–38.0 °C → 0. (The IG's own NEWS2 example sums to 6 by scoring 37.5 °C as 1, which Chart 1 does not.)
    const score = news2Of([...vitals({ rr: 21, spo2: 93, sys: 120, hr: 95, temp: 37.5, o2flow: 0 }), avpu('Mentally alert')], { now: NOW })!;
    expect(score).toMatchObject({ score: 5, band: 'medium', partial: false });
    expect(score.parameters.map((p) => p.points)).toEqual([2, 2, 0, 1, 0, 0, 0]);
  });

  test('worked example at every lowest band edge (RR 8, SpO2 91 on oxygen, systolic 90, pulse 40, voice, 35.0 °C): 20, the maximum', () => {
    const score = news2Of([...vitals({ rr: 8, spo2: 91, sys: 90, hr: 40, temp: 35.0, o2flow: 2 }), avpu('V')], { now: NOW })!;
    expect(score).toMatchObject({ score: 20, band: 'high', partial: false });
  });

  test('a level of responsiveness older than the window, or in words it cannot read, counts as missing', () => {
    const all = vitals({ rr: 16, spo2: 97, sys: 125, hr: 72, temp: 36.8, o2flow: 0 });
    expect(news2Of([...all, avpu('Alert', '2026-11-30T08:00:00Z')], { now: NOW })!.missing).toEqual(['Consciousness']);
    expect(news2Of([...all, avpu('Drowsy?')], { now: NOW })!.missing).toEqual(['Consciousness']);
    expect(news2Of([...all, avpu('Alert at times')], { now: NOW })!.missing).toEqual(['Consciousness']);
  });

  test('a septic picture: RR 24, SpO2 93 on oxygen, systolic 98, pulse 118, 38.7 °C scores 11, high', () => {
    // 2 + 2 + 2 (oxygen) + 2 + 2 + 1 = 11
    const score = news2Of(vitals({ rr: 24, spo2: 93, sys: 98, hr: 118, temp: 38.7, o2flow: 2 }), { now: NOW })!;
    expect(score.score).toBe(11);
    expect(score.band).toBe('high');
  });

  test('a single extreme value makes a low total low-medium: RR 26 alone', () => {
    const score = news2Of(vitals({ rr: 26, spo2: 98, sys: 130, hr: 80, temp: 37.0, o2flow: 0 }), { now: NOW })!;
    expect(score).toMatchObject({ score: 3, band: 'low-medium' });
  });

  test('says which parameters are missing or older than the window, and never calls the score complete', () => {
    const old = vitals({ hr: 135 }, '2026-11-30T08:00:00Z');
    const score = news2Of([...vitals({ rr: 18, temp: 101.3 }), ...old].map((v) => (v.code === '8310-5' ? { ...v, unit: '[degF]' } : v)), {
      now: NOW,
    })!;
    expect(score.partial).toBe(true);
    expect(score.missing).toEqual(['SpO₂ (scale 1)', 'Systolic blood pressure', 'Pulse', 'Supplemental oxygen', 'Consciousness']);
    // 101.3 °F is 38.5 °C: 1 point.
    expect(score.parameters).toEqual([
      { name: 'Respiratory rate', value: 18, points: 0 },
      { name: 'Temperature', value: 38.5, points: 1 },
    ]);
    expect(news2Of([], { now: NOW })).toBeUndefined();
  });
});
