// Rules that several parts of the configuration share: https URLs (loopback excepted) and GUIDs.
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/** https everywhere, except loopback addresses (tests, the embedded demo partner). */
export const secureUrl = z
  .string()
  .url()
  .refine((v) => v.startsWith('https://') || isLoopbackUrl(v), 'must be an https URL (http only on loopback)')
  .transform((v) => v.replace(/\/+$/, ''));

/** Azure AD tenant and client ids. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
