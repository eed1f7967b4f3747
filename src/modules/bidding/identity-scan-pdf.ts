/**
 * The server's PDF reader for the 暗标 identity-leak scan (identity-scan.contract.ts): pdfjs-dist's legacy
 * build, which runs in Node 20 without DOM globals. No worker is configured, so pdfjs loads its worker code
 * in-process (its "fake worker"); CMaps come from the package so Chinese text in PDFs with non-embedded
 * CJK fonts (UniGB-UCS2-H …) is extracted too.
 *
 * The browser does not use this file: it passes `pdfjsTextReader(pdfjs)` with the worker set up by Vite
 * (see pdfjsTextReader in the contract).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfjsTextReader, type PdfTextReader } from './identity-scan.contract.ts';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Reads PDFs in Node with pdfjs-dist: Info dictionary, XMP and the text of every page. */
export const nodePdfReader: PdfTextReader = pdfjsTextReader(pdfjs, {
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
});
