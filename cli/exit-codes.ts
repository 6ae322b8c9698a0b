/** Exit codes: 0 done, 1 the input (the spec) is invalid, 2 the command line is wrong. In a module of its own so the commands need not import the CLI's wiring. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
