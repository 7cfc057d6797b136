/** The review part of the Store (see ../store.ts). */
export interface ReviewStore {}
