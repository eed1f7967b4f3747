/** Prints the linter's precision, recall and per-rule confusion counts: `npx tsx src/modules/tendering/lint/evaluate.ts`. */
import { LABELLED_CLAUSES } from './labelled-clauses.ts';
import { evaluate } from './evaluation.ts';

const e = evaluate();
const offending = LABELLED_CLAUSES.filter((c) => c.expected.length > 0).length;
console.log(
  `labelled clauses: ${LABELLED_CLAUSES.length} (offending ${offending}, clean ${LABELLED_CLAUSES.length - offending})`,
);
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
