/** What the detail view needs of the feed for j/k: the order of the captures in it. */
export interface FeedOrder {
  ids: readonly string[];
  hasMore: boolean;
  loadMore(): void;
}

/** The feed row's element id, so the shell can return focus to it when a capture closes. */
export const rowId = (id: string) => `capture-row-${id}`;
