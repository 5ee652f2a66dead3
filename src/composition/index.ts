export { estimateComposition, type CompositionInput, type CompositionResult } from './estimateComposition.js';
export { statusPanel } from './statusPanel.js';
