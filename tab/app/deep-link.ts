// The link "Copy link to this patient" puts on the clipboard. Pure, so it is easy to test.
import { placeQuery, type Place } from '../shared/place';
import type { TeamsContext } from './teams';

/**
 * A Teams deep link to a tab (learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application,
 * "Configure deep link to a tab manually"): `https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&context=…`
 * where context is JSON: `subEntityId` (our place, read back as `context.page.subPageId`) and the conversation of
 * the tab, `channelId` for a channel, `chatId` with `contextType: "chat"` for a chat or a meeting's chat, nothing
 * for the personal tab. `webUrl` is the fallback where Teams cannot show the tab.
 */
export function teamsDeepLink(link: {
  appId: string;
  entityId: string;
  subEntityId: string;
  webUrl: string;
  channelId?: string;
  chatId?: string;
}): string {
  const context = link.channelId
    ? { subEntityId: link.subEntityId, channelId: link.channelId }
    : link.chatId
      ? { subEntityId: link.subEntityId, chatId: link.chatId, contextType: 'chat' }
      : { subEntityId: link.subEntityId };
  const query = new URLSearchParams({ webUrl: link.webUrl, context: JSON.stringify(context) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(link.appId)}/${encodeURIComponent(link.entityId)}?${query.toString()}`;
}

/**
 * The shareable link to a place: in Teams a deep link to this very tab, which Teams opens only for members of its
 * channel or chat (and the server checks the list again); elsewhere, or when Teams gave no app id, the tab's own
 * URL. It names the list and the entry by their opaque ids only: no patient name, MRN or other PHI.
 */
export function shareLinkOf(teams: TeamsContext | undefined, tabUrl: string, place: Place): string {
  const query = placeQuery(place);
  const webUrl = `${tabUrl}?${query}`;
  if (!teams?.appId || !teams.entityId) return webUrl;
  return teamsDeepLink({
    appId: teams.appId,
    entityId: teams.entityId,
    subEntityId: query,
    webUrl,
    channelId: teams.channelId,
    chatId: teams.chatId,
  });
}
