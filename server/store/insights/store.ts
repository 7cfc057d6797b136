/** The insights part of the Store (see ../store.ts). */
export interface InsightStore {}
