/** Danish number formatting for explanations: one definition in src/shared/explanations-da.ts (the renderer has its own for the screen). */
export { percent, points } from '../../../shared/explanations-da';
