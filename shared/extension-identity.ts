/**
 * The extension's fixed identity in Chrome. `key` (the public half of a key pair kept outside the
 * repository) makes every unpacked build of Snag get the same ID, so the server can allow exactly
 * this origin in CORS. Firefox gives each install a random moz-extension UUID, so there the
 * extension asks for permission on the server's own origin instead (see the README).
 */
export const CHROME_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyaqTsGYDt2MesCx2ojXcxWUfEbi/iGrjy3PeC+1pXvMzZpQS0C4USocPpSuvWTP5uR30XMV1+hXz4uMGLVQcpjkpb4dULjj20tocfFIFLr8uMJbHjmRG2Iu7eGXYTifelkklu2U5LOyi7rdo8aA8oY72yNMa3jg2h1tpYC0+jyNgpirWqgoKZuHzlsCRikrkCR7JIDPTN7sw5A95MtVWBvpbW9UZfVuahLqEN7R0lLPxsX0+p610mvrrx3sZjj74jEyElC+4vldO3W/hHIc3Djw2fyBwdYVBrOU/uXM8O9PJpXnYbBJtBfxO6Alq+bWC7Cn0i382dkYL85lENR9vXQIDAQAB';

/** Derived from the key: the first 128 bits of its SHA-256, as letters a–p. */
export const CHROME_EXTENSION_ID = 'kajakeajpobopgonfklemecbienggobf';

export const CHROME_EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
