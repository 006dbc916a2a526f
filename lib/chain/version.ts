/** Which subtensor rules this engine implements (reference/subtensor-spec.md header). */
export const ENGINE = {
  name: "taoscope-engine",
  version: "0.1.0",
  subtensor: {
    branch: "main",
    commit: "14bc6f9f964b9cc362e9635dd110a487fa5d15a0",
    specVersion: 425,
    date: "2026-06-30",
  },
} as const;
