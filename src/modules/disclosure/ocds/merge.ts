/**
 * The OCDS merge routine (standard 1.1 "Merging"): releases of one ocid, oldest first, folded into the compiled
 * release. Objects merge field by field; a null removes the field; arrays of objects that all carry an `id` merge
 * by that id (identity merge), other arrays — and the `wholeListMerge` ones — replace the earlier value whole; the
 * release's own `id`, `date` and `tag` are not merged (`omitWhenMerged`), the compiled release gets its own.
 */
import { ocdsRelease, type OcdsRelease } from './contract.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths (field names within their parent object) the release schema marks `wholeListMerge`. */
const WHOLE_LIST = new Set(['additionalIdentifiers', 'additionalClassifications']);

const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

const idOf = (v: Json): string | null =>
  isObject(v) && (typeof v.id === 'string' || typeof v.id === 'number') ? String(v.id) : null;

function mergeArray(earlier: Json | undefined, later: Json[], key: string): Json[] {
  const identified = later.length > 0 && later.every((v) => idOf(v) !== null);
  if (WHOLE_LIST.has(key) || !identified || !Array.isArray(earlier)) {
    return later.map((v) => mergeValue(undefined, v, key));
  }
  const out: Json[] = [...earlier];
  for (const item of later) {
    const id = idOf(item);
    const at = out.findIndex((x) => idOf(x) === id);
    if (at === -1) out.push(mergeValue(undefined, item, key));
    else out[at] = mergeValue(out[at], item, key);
  }
  return out;
}

function mergeObject(earlier: Json | undefined, later: JsonObject): JsonObject {
  const out: JsonObject = isObject(earlier) ? { ...earlier } : {};
  for (const [key, value] of Object.entries(later)) {
    if (value === null) delete out[key];
    else out[key] = mergeValue(out[key], value, key);
  }
  return out;
}

function mergeValue(earlier: Json | undefined, later: Json, key: string): Json {
  if (Array.isArray(later)) return mergeArray(earlier, later, key);
  if (isObject(later)) return mergeObject(earlier, later);
  return later;
}

/** A release as plain JSON, for the merge (and for whoever reads it back). */
const asJson = (r: OcdsRelease): JsonObject => {
  const parsed: unknown = JSON.parse(JSON.stringify(r));
  if (!isObject(parsed)) throw new Error('release is not an object');
  return parsed;
};

/** The compiled release of an ocid's releases, given oldest first. */
export function compileReleases(releases: readonly OcdsRelease[]): OcdsRelease {
  const last = releases.at(-1);
  if (!last) throw new Error('nothing to compile');
  let merged: JsonObject = {};
  for (const r of releases) {
    const json = asJson(r);
    for (const k of OMIT_WHEN_MERGED) delete json[k];
    merged = mergeObject(merged, json);
  }
  return ocdsRelease.parse({
    ...merged,
    id: `${last.ocid}-compiled-${last.date}`,
    date: last.date,
    tag: ['compiled'],
  });
}

/** Exposed for tests of the merge rules on plain JSON. */
export function mergeJson(earlier: JsonObject, later: JsonObject): JsonObject {
  return mergeObject(earlier, later);
}
