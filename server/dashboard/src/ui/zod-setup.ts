import { z } from 'zod';

// The server's CSP forbids eval. Zod otherwise probes `new Function` (when each object schema is
// built) to compile fast parsers; the probe fails harmlessly but is reported as a CSP violation.
// This must run before any schema is created, so main.tsx imports this module first.
z.config({ jitless: true });
