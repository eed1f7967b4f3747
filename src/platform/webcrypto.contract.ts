/**
 * WebCrypto helpers shared by the code that runs in the browser and in Node alike (sealed bids, contract
 * signatures): bytes ↔ base64/hex, SHA-256, random bytes, and the passphrase-derived AES-GCM key that wraps a
 * holder's private key. No `node:` imports: both runtimes have `globalThis.crypto.subtle`, `btoa` and `atob`.
 */

/** WebCrypto's types, named the same under the DOM lib and under Node's own typings. */
export type Subtle = typeof globalThis.crypto.subtle;
export type CryptoKeyHandle = Awaited<ReturnType<Subtle['importKey']>>;
export const subtle = (): Subtle => globalThis.crypto.subtle;
export const te = new TextEncoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
export const random = (n: number): Uint8Array<ArrayBuffer> =>
  globalThis.crypto.getRandomValues(new Uint8Array(n));
/** A copy backed by its own ArrayBuffer, as WebCrypto's typings ask. */
export const copy = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', copy(bytes))));
}

/** AES-256-GCM key from a passphrase (PBKDF2-SHA-256, NFC-normalised): what wraps a holder's private key. */
export async function passphraseKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKeyHandle> {
  const base = await subtle().importKey('raw', te.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: copy(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
