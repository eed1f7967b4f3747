/**
 * OCDS 1.1.5 validation for tests: the release schema patched with the lots and bid extensions (each extension's
 * release-schema.json is a JSON Merge Patch, RFC 7386), and the release- and record-package schemas that refer to
 * it by URL, all in ajv's draft-04 mode with the standard formats.
 *
 * Schemas come from ../shared/data/ocds when it is there (the project's reference copy), else from the copy under
 * test/fixtures/ocds so a clean clone validates the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

const shared = path.resolve('../shared/data/ocds');
export const OCDS_DIR = existsSync(path.join(shared, 'schema-1.1.5'))
  ? shared
  : path.resolve('test/fixtures/ocds');

const RELEASE_URL = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';
const VERSIONED_URL =
  'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const read = (...parts: string[]): Json =>
  JSON.parse(readFileSync(path.join(OCDS_DIR, ...parts), 'utf8')) as Json;

/** The core release schema with the lots and bid extensions applied. */
export function patchedReleaseSchema(): Json {
  let schema = read('schema-1.1.5', 'release-schema.json');
  for (const ext of ['lots-1.1.5', 'bid-1.1.5'])
    schema = mergePatch(schema, read('extensions', ext, 'release-schema.json'));
  return schema;
}

export interface OcdsValidators {
  release: ValidateFunction;
  releasePackage: ValidateFunction;
  recordPackage: ValidateFunction;
}

let cached: OcdsValidators | undefined;

export function ocdsValidators(): OcdsValidators {
  if (cached) return cached;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(patchedReleaseSchema() as object, RELEASE_URL);
  ajv.addSchema(read('schema-1.1.5', 'versioned-release-validation-schema.json') as object, VERSIONED_URL);
  cached = {
    release: ajv.getSchema(RELEASE_URL) ?? ajv.compile({ $ref: RELEASE_URL }),
    releasePackage: ajv.compile(read('schema-1.1.5', 'release-package-schema.json') as object),
    recordPackage: ajv.compile(read('schema-1.1.5', 'record-package-schema.json') as object),
  };
  return cached;
}

const describe = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');

/** Validation errors as text; empty when valid. */
export function ocdsErrors(kind: keyof OcdsValidators, value: unknown): string {
  const v = ocdsValidators()[kind];
  return v(value) ? '' : describe(v.errors);
}
