// What the configuration and removal pages need from the Teams host (app/teams.ts implements it).

export interface TabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
  removeUrl?: string;
}

export interface ConfigHost {
  setValidityState: (isValid: boolean) => void;
  /** Teams' Save: the handler's promise decides success or failure, reported exactly once. */
  onSave: (handler: () => Promise<void>) => void;
  onRemove: (handler: () => Promise<void>) => void;
  setConfig: (config: TabConfig) => Promise<void>;
}

/** The tab's URLs for a list: the id in the query too, so the websiteUrl works in a browser. */
export function tabConfigFor(origin: string, listId: string, listName: string): TabConfig {
  const url = `${origin}/tab?listId=${encodeURIComponent(listId)}`;
  return {
    entityId: listId,
    contentUrl: url,
    websiteUrl: url,
    suggestedDisplayName: listName.slice(0, 100),
    removeUrl: `${origin}/remove`,
  };
}
