/** What one person (and the whole server) may hold at once; config.ts reads them from the environment. */
export interface PersonLimits {
  /** Unrevoked API tokens per person, pairings included (SNAG_MAX_TOKENS_PER_PERSON). */
  tokensPerPerson: number;
  /** Open live-update (/events) streams per person (SNAG_MAX_STREAMS_PER_PERSON). */
  streamsPerPerson: number;
  /** Open live-update streams in the whole server, below the file-descriptor limit (SNAG_MAX_STREAMS). */
  streamsTotal: number;
  /** Screenshot bytes on one person's captures; 0 turns the quota off (SNAG_STORAGE_QUOTA_MB). */
  storageBytesPerPerson: number;
}

export const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PersonLimits> = {
  tokensPerPerson: 20,
  streamsPerPerson: 10,
  streamsTotal: 500,
  storageBytesPerPerson: 1024 * MIB,
};

/** "1.5 MiB": how quota messages speak of sizes. */
export function mebibytes(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}
