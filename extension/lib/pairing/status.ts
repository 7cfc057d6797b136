import { z } from 'zod';

// Pairing as the message protocol carries it, apart from the flow and its storage.

/** What the options page sees: never the poll secret, never the token. */
export const pairingStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('idle') }),
  z.strictObject({ state: z.literal('pending'), serverUrl: z.string(), userCode: z.string(), expiresAt: z.number() }),
  z.strictObject({
    state: z.literal('approved'),
    serverUrl: z.string(),
    user: z.strictObject({ name: z.string(), role: z.string() }),
  }),
  z.strictObject({ state: z.literal('failed'), serverUrl: z.string(), reason: z.string() }),
]);
export type PairingStatus = z.infer<typeof pairingStatusSchema>;
