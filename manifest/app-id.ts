// The Teams app id: a name-based UUID (RFC 9562 §5.5, version 5) of the public URL under Rounds' own
// namespace. The same deployment always gets the same id, so a rebuilt package updates the installed app;
// a second deployment (staging beside production) gets its own id, so both can live in one tenant's catalogue.
import { createHash } from 'node:crypto';

/** Fixed for Rounds; changing it would make every deployment a new app in Teams. */
export const ROUNDS_APP_ID_NAMESPACE = 'c3aeb275-e9f9-46d8-834d-956a9ef465b2';

export function appIdFor(publicUrl: string): string {
  const namespace = Buffer.from(ROUNDS_APP_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(publicUrl.toLowerCase(), 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
