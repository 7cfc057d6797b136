/** Tables the insights part adds (migration names 0020_…). */
export interface InsightTables {}
