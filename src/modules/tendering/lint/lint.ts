/**
 * `lintDocument` — runs every rule in rules.ts over a tender document (RULES.md §8). Pure: the caller
 * loads the document and records findings and justifications; nothing here reads a db or a clock.
 */
import { RULES } from './rules.ts';
import type { Finding, TenderDocument } from './types.ts';

export type { Clause, Finding, TenderDocument } from './types.ts';

export function lintDocument(doc: TenderDocument): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const head = { ruleId: rule.id, severity: rule.severity, article: rule.article, title: rule.title };
    if (rule.kind === 'document') {
      for (const f of rule.check(doc)) findings.push({ ...head, ...f });
      continue;
    }
    for (const clause of doc.clauses) {
      if (!rule.fields.includes(clause.field)) continue;
      const quote = rule.match(clause, doc);
      if (quote === null) continue;
      findings.push({
        ...head,
        clauseId: clause.id,
        field: clause.field,
        quote,
        message: `「${quote}」：${rule.why}（${rule.article}）。`,
      });
    }
  }
  return findings;
}

/** A recorded reason for keeping a `justify` finding (who recorded it is the caller's audit concern). */
export interface Justification {
  ruleId: string;
  clauseId?: string;
  reason: string;
}

function justified(f: Finding, justifications: readonly Justification[]): boolean {
  return justifications.some(
    (j) => j.ruleId === f.ruleId && j.clauseId === f.clauseId && j.reason.trim().length > 0,
  );
}

/** Findings that still stop publication: every `block`, and every `justify` without a recorded reason. */
export function blockingFindings(
  findings: readonly Finding[],
  justifications: readonly Justification[],
): Finding[] {
  return findings.filter((f) => f.severity === 'block' || !justified(f, justifications));
}

/** Publication is refused while any finding is a `block` or an unjustified `justify`. */
export function publicationBlocked(
  findings: readonly Finding[],
  justifications: readonly Justification[],
): boolean {
  return blockingFindings(findings, justifications).length > 0;
}
