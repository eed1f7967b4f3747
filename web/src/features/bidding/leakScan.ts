/**
 * The 暗标 identity-leak scan in the supplier's browser, before the bid is sealed (the server sees no plaintext
 * until opening): the supplier's own record as a {@link BidderIdentity}, pdfjs set up for this page, the scan.
 * The findings are a warning to the supplier; the committee gets its own report after opening.
 */
import {
  pdfjsTextReader,
  scanDocument,
  type BidderIdentity,
  type LeakFinding,
  type PdfTextReader,
  type ScanReport,
} from '../../../../src/modules/bidding/identity-scan.contract.ts';
import type * as Pdfjs from 'pdfjs-dist';
import type { SupplierRead } from '../orgs/api.ts';

export type { LeakFinding, ScanReport };

const present = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.map((v) => v?.trim() ?? '').filter((v) => v.length > 0)),
];

/** The supplier's record (GET /api/suppliers/me) as the identifiers a blind document must not show. */
export function identityOf(supplier: SupplierRead): BidderIdentity {
  const base = {
    names: present([supplier.name]),
    shortNames: [],
    creditCode: supplier.creditCode.trim() || null,
  };
  if (!supplier.detail)
    return {
      ...base,
      phones: [],
      emails: [],
      addresses: [],
      people: present([supplier.legalRepresentative]),
    };
  return {
    ...base,
    phones: present([supplier.contactPhone, ...supplier.contacts.map((c) => c.phone)]),
    emails: present([supplier.email, ...supplier.contacts.map((c) => c.email)]),
    addresses: present([supplier.address]),
    people: present([
      supplier.legalRepresentative,
      supplier.contactName,
      ...supplier.contacts.map((c) => c.name),
      ...supplier.people.filter((p) => p.kind === 'person').map((p) => p.name),
    ]),
  };
}

/** Nothing known of the bidder: the scan still finds phones, e-mails, credit codes and document residue. */
export const NO_IDENTITY: BidderIdentity = {
  names: [],
  shortNames: [],
  creditCode: null,
  phones: [],
  emails: [],
  addresses: [],
  people: [],
};

let pdfReader: Promise<PdfTextReader> | null = null;

/**
 * pdfjs-dist, loaded on the first PDF only. Vite serves pdfjs and its worker as plain files (`?url`) and the
 * page imports pdfjs by that address, so the bundler leaves it out of the chunks every page loads (about
 * 430 kB that only a supplier checking a 暗标 PDF needs).
 */
function browserPdfReader(): Promise<PdfTextReader> {
  pdfReader ??= (async () => {
    const [{ default: moduleUrl }, { default: workerUrl }] = await Promise.all([
      import('pdfjs-dist/build/pdf.min.mjs?url'),
      import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
    ]);
    const pdfjs = (await import(/* @vite-ignore */ moduleUrl)) as typeof Pdfjs;
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjsTextReader(pdfjs);
  })();
  // A failed load (network) is not remembered: the next PDF tries again.
  pdfReader.catch(() => {
    pdfReader = null;
  });
  return pdfReader;
}

/** A PDF by its name, or by its first bytes as the scanner tells one (a .txt or .md is read as text). */
const isPdf = (name: string, bytes: Uint8Array): boolean =>
  /\.pdf$/i.test(name) ||
  (!/\.(txt|md|markdown|docx|docm|dotx)$/i.test(name) &&
    new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '%PDF-');

/** Scans one file of the bid for the bidder's identity; never throws for a bad file (that is a finding). */
export async function scanBlindFile(file: File, identity: BidderIdentity): Promise<ScanReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Should pdfjs fail to load, the scanner's own reader still sees the metadata and simple text.
  const pdf = isPdf(file.name, bytes) ? await browserPdfReader().catch(() => undefined) : undefined;
  return scanDocument(file.name, bytes, identity, pdf ? { pdf } : {});
}
