/**
 * Replays subtensor's own test vectors: one test per case, named by its id. Every case of every
 * JSON file in `$SUBTENSOR_VECTORS` (default ../shared/vectors/subtensor) runs; a case whose
 * function Taoscope does not implement fails with a message naming that function.
 */
import { describe, it } from "vitest";
import { findRunner } from "./runners";
import { loadVectorFiles, vectorsDir } from "./vectors";

for (const { file, cases } of loadVectorFiles(vectorsDir())) {
  describe(`subtensor vectors: ${file.replace(/\.json$/, "")}`, () => {
    for (const c of cases) {
      it(c.id, () => {
        const run = findRunner(c);
        if (!run) throw new Error(`not implemented: ${c.function ?? "(scenario without a function)"} (case ${c.id})`);
        run(c, (typeof c.inputs === "object" && c.inputs !== null ? c.inputs : {}) as Record<string, never>);
      });
    }
  });
}
