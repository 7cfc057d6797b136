/** Tables the data-control part adds (migration names 0030_…). */
export interface DataControlTables {}
