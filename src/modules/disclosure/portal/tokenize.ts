/**
 * Chinese search without a Chinese parser (pure; no database).
 *
 * PostgreSQL ships no Chinese text-search parser: its default parser takes a run of Chinese characters as one word,
 * and classifies non-ASCII characters by the server's locale (PGlite runs in C, a server usually in a UTF-8 one).
 * So the portal does the tokenizing here, in the application, and hands PostgreSQL finished lexemes as `tsvector` /
 * `tsquery` literals (cast with `::tsvector`, `::tsquery`: the 'simple' semantics without any parser), so the same
 * text gives the same lexemes on PGlite and on PostgreSQL (ADR 0008).
 *
 * Text is normalised (NFKC: full-width letters and digits become ASCII; lower case) and cut into runs:
 *  - a run of CJK (any non-ASCII letter, digit or mark) is indexed as its overlapping bigrams, at consecutive
 *    positions, plus its last character alone — so every character starts some lexeme;
 *  - a run of ASCII letters and digits is indexed whole, and also as its letter and digit parts
 *    (`zc2026` → `zc2026`, `zc`, `2026`), so a code matches from any of its parts;
 *  - anything else separates runs.
 *
 * A query is the AND of its runs: a CJK run of two or more characters must appear as written (its bigrams in a
 * phrase, `'中心' <-> '心采' <-> '采购'`), a single CJK character matches any lexeme it starts (`'县':*`), an ASCII
 * run matches as a prefix (`'zc2026':*`). Operators in the user's text are never operators: only letters and
 * digits become lexemes, and each lexeme is quoted.
 */

/** PostgreSQL's limits: positions run 1…16383; a lexeme keeps at most 256 positions. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** An ASCII run longer than this is cut: nobody searches for a 65-character word. */
const MAX_ASCII = 64;
/** At most this many runs of a query are used (a query is at most 100 characters anyway). */
const MAX_QUERY_RUNS = 16;
/** Gap between the runs of a field and between fields, so no phrase spans two of them. */
const RUN_GAP = 1;
const FIELD_GAP = 8;

export interface Run {
  kind: 'cjk' | 'ascii';
  text: string;
}

const ASCII_WORD = /^[a-z0-9]$/;
const OTHER_WORD = /^[\p{L}\p{N}\p{M}]$/u;

/** Normalises `text` and cuts it into CJK and ASCII runs; separators are dropped. */
export function runsOf(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const kind = ASCII_WORD.test(ch) ? 'ascii' : OTHER_WORD.test(ch) ? 'cjk' : null;
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) {
      current.text += ch;
    } else {
      current = { kind, text: ch };
      out.push(current);
    }
  }
  for (const r of out)
    if (r.kind === 'ascii' && r.text.length > MAX_ASCII) r.text = r.text.slice(0, MAX_ASCII);
  return out;
}

/** The letter and digit parts of an ASCII run that mixes them (`zc2026` → `zc`, `2026`); none otherwise. */
function asciiParts(word: string): string[] {
  const parts = word.match(/[a-z]+|[0-9]+/g) ?? [];
  return parts.length > 1 ? parts : [];
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The lexemes of a document made of `fields`, with their positions (for phrase matching), as the text of a
 * `tsvector` literal: `'中心':1 '心采':2 …`. Empty text gives an empty vector ('').
 */
export function documentVector(fields: readonly string[]): string {
  const positions = new Map<string, number[]>();
  let pos = 1;
  const add = (lexeme: string, at: number) => {
    const list = positions.get(lexeme) ?? [];
    const p = Math.min(at, MAX_POSITION);
    if (list.length < MAX_POSITIONS_PER_LEXEME && list.at(-1) !== p) list.push(p);
    positions.set(lexeme, list);
  };
  for (const field of fields) {
    for (const run of runsOf(field)) {
      if (run.kind === 'ascii') {
        add(run.text, pos);
        for (const part of asciiParts(run.text)) add(part, pos);
        pos += 1 + RUN_GAP;
        continue;
      }
      const chars = [...run.text];
      for (let i = 0; i + 1 < chars.length; i++) add(`${chars[i]}${chars[i + 1]}`, pos + i);
      add(chars.at(-1) ?? '', pos + chars.length - 1);
      pos += chars.length + RUN_GAP;
    }
    pos += FIELD_GAP;
  }
  return [...positions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lexeme, ps]) => `${quoteLexeme(lexeme)}:${ps.join(',')}`)
    .join(' ');
}

/** The part of a query one run asks for. */
function runQuery(run: Run): string {
  if (run.kind === 'ascii') return `${quoteLexeme(run.text)}:*`;
  const chars = [...run.text];
  if (chars.length === 1) return `${quoteLexeme(run.text)}:*`;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(quoteLexeme(`${chars[i]}${chars[i + 1]}`));
  return bigrams.length === 1 ? (bigrams[0] ?? '') : `(${bigrams.join(' <-> ')})`;
}

/**
 * The `tsquery` literal for what a user typed, or null when it holds no letter or digit (nothing to search
 * for: the list is not narrowed by text).
 */
export function queryOf(text: string): string | null {
  const parts = [...new Set(runsOf(text).map(runQuery))].slice(0, MAX_QUERY_RUNS);
  return parts.length ? parts.join(' & ') : null;
}
