/** The accounts part of the Store (see ../store.ts). */
export interface AccountStore {}
