/** The key that makes two spellings one customer ("Globex", " globex "): trimmed and lower-cased. */
export function customerKey(name: string): string {
  return name.trim().toLowerCase();
}
