import type { FlowFriction, FlowStepFriction } from '#shared/insights';

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Step 'Connect bank' hurts most: 41 captures from 17 customers". */
export function worstStepSentence(step: FlowStepFriction): string {
  return `Step '${step.step}' hurts most: ${plural(step.count, 'capture', 'captures')} from ${plural(step.customers, 'customer', 'customers')}`;
}

/** The flow's headline, for the flow list. */
export function flowSummary(flow: FlowFriction): string {
  return `${plural(flow.captures, 'capture', 'captures')} from ${plural(flow.customers, 'customer', 'customers')} across ${plural(flow.steps.length, 'step', 'steps')}`;
}
