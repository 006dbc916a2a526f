/**
 * Replays subtensor's own test vectors: one test per case, named by its id. Every case of every
 * JSON file in `$SUBTENSOR_VECTORS` (default ../shared/vectors/subtensor) and, for the seed2024
 * rules, `$SUBTENSOR_2024_VECTORS` (default ../shared/vectors/subtensor-2024) runs; a case whose
 * function Taoscope does not implement fails with a message naming that function.
 */
import { describe, it } from "vitest";
import { findRunner } from "./runners";
import { loadVectorFiles, vectorsDir } from "./vectors";

const FOLDERS = [
  { label: "subtensor", dir: vectorsDir("SUBTENSOR_VECTORS", "../shared/vectors/subtensor") },
  { label: "subtensor-2024", dir: vectorsDir("SUBTENSOR_2024_VECTORS", "../shared/vectors/subtensor-2024") },
];

for (const { label, dir } of FOLDERS) {
  for (const { file, cases } of loadVectorFiles(dir)) {
    describe(`${label} vectors: ${file.replace(/\.json$/, "")}`, () => {
      for (const c of cases) {
        it(c.id, () => {
          const run = findRunner(c, cases);
          if (!run) throw new Error(`not implemented: ${c.function ?? "(scenario without a function)"} (case ${c.id})`);
          run(c, (typeof c.inputs === "object" && c.inputs !== null ? c.inputs : {}) as Record<string, never>);
        });
      }
    });
  }
}
