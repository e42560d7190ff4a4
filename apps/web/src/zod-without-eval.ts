import { z } from 'zod';

// zod compiles object parsers with `new Function` after probing whether it may; under the server's
// Content-Security-Policy (no 'unsafe-eval') even the caught probe is reported as a violation. Imported first.
z.config({ jitless: true });
