/** Limits of api.md and issue #4: beyond them a clear 400. */
export const LIST_LIMITS = {
  entriesPerList: 500,
  listsPerContext: 100,
  nameLength: 100,
  noteLength: 4_000,
  auditEventsPerPage: 1_000,
} as const;
