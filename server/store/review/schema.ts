/** Tables the review part adds (migration names 0010_…). */
export interface ReviewTables {}
