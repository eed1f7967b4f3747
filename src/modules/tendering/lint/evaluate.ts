/**
 * Prints the linter's precision, recall and per-rule confusion counts for the labelled (development) set and the
 * held-out sets A–E (held-out-clauses.ts): `npx tsx src/modules/tendering/lint/evaluate.ts` (all),
 * `--labelled` (development set only) or `--held-out` (held-out sets only).
 */
import {
  HELD_OUT_B_CLAUSES,
  HELD_OUT_C_CLAUSES,
  HELD_OUT_CLAUSES,
  HELD_OUT_D_CLAUSES,
  HELD_OUT_E_CLAUSES,
} from './held-out-clauses.ts';
import { LABELLED_CLAUSES, type LabelledClause } from './labelled-clauses.ts';
import { evaluate } from './evaluation.ts';

function report(name: string, set: readonly LabelledClause[]): void {
  const e = evaluate(set);
  const offending = set.filter((c) => c.expected.length > 0).length;
  console.log(`== ${name}: ${set.length} clauses (offending ${offending}, clean ${set.length - offending})`);
  console.log(`precision: ${e.precision.toFixed(3)}  recall: ${e.recall.toFixed(3)}`);
  console.log(`clauses: TP ${e.truePositives}  FP ${e.falsePositives}  FN ${e.falseNegatives}`);
  console.log('rule                   TP  FP  FN');
  for (const [rule, c] of Object.entries(e.perRule).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${rule.padEnd(22)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`,
    );
  }
  for (const m of e.misses) {
    console.log(`miss ${m.id} expected [${m.expected.join(',')}] found [${m.found.join(',')}]: ${m.text}`);
  }
}

const args = process.argv.slice(2);
const onlyHeldOut = args.includes('--held-out');
const onlyLabelled = args.includes('--labelled');
if (!onlyHeldOut) report('labelled', LABELLED_CLAUSES);
if (!onlyLabelled) {
  report('held-out', HELD_OUT_CLAUSES);
  report('held-out B', HELD_OUT_B_CLAUSES);
  report('held-out C', HELD_OUT_C_CLAUSES);
  report('held-out D', HELD_OUT_D_CLAUSES);
  report('held-out E', HELD_OUT_E_CLAUSES);
}
