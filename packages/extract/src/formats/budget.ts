import type { ExtractContext } from '../types.js';

/**
 * Work shared by every file of one input: OCR pages and inflated bytes. The limits are per
 * input, while readers see one file at a time, so the running totals are kept per abort
 * signal, which the whole input shares. A context without a shared signal gets its own
 * totals, which is stricter than nothing but looser than the limit intends.
 */
interface InputBudget {
  ocrPages: number;
  inflatedBytes: number;
}

const budgets = new WeakMap<AbortSignal, InputBudget>();

function budgetOf(context: ExtractContext): InputBudget {
  let budget = budgets.get(context.signal);
  if (budget === undefined) {
    budget = { ocrPages: 0, inflatedBytes: 0 };
    budgets.set(context.signal, budget);
  }
  return budget;
}

/** Takes one OCR page from the input's allowance; false when it is used up. */
export function takeOcrPage(context: ExtractContext): boolean {
  const budget = budgetOf(context);
  if (budget.ocrPages >= context.limits.maxOcrPages) return false;
  budget.ocrPages += 1;
  return true;
}

/** Takes `bytes` of inflation from the input's allowance; false when it would run over. */
export function takeInflatedBytes(context: ExtractContext, bytes: number): boolean {
  const budget = budgetOf(context);
  if (budget.inflatedBytes + bytes > context.limits.maxDecompressedBytes) return false;
  budget.inflatedBytes += bytes;
  return true;
}

/** Milliseconds left before the input's deadline, never below zero. */
export function timeLeft(context: ExtractContext): number {
  return Math.max(0, context.deadline - Date.now());
}
