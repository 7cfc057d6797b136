/** The data-control part of the Store (see ../store.ts). */
export interface DataControlStore {}
