/** Tables the accounts part adds (migration names 0005_…). */
export interface AccountTables {}
