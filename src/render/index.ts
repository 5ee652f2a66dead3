export { figure1Spec } from './figure1Spec.js';
export { monthlySpec } from './monthlySpec.js';
export { effectOverTimeSpec, effectOverTimeData, type EffectOverTimeDatum } from './effectOverTimeSpec.js';
export { renderSvg, type RenderOptions } from './renderSvg.js';
export { normaliseSvgIds } from './normaliseSvgIds.js';
export type { ChartOptions } from './chartOptions.js';
export { chartStrings, type ChartStrings, type ChartLang } from './chartStrings.js';
export { ARM_PALETTE, armColors } from './palette.js';
