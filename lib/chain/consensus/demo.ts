/**
 * The built-in scenario the explorer shows before a network runs: three validators and two
 * miners replaying yuma-simulation's "kappa moves first" (subtensor's
 * test_yuma_3_kappa_moves_first), through the real epoch.
 */
import { toDecimal } from "../math/fast";
import { u16ProportionToFixed } from "../math/vector";
import { runScenario } from "./scenario";
import { convertYumaSimCase } from "./yuma-simulation";

export interface DemoEpoch {
  epoch: number;
  block: number;
  dividends: number[];
  incentive: number[];
  /** Combined emission per uid, rao as decimal strings. */
  emission: string[];
  consensus: number[];
  validatorTrust: number[];
}

export interface DemoScenario {
  name: string;
  validators: string[];
  servers: string[];
  epochs: DemoEpoch[];
}

const share = (u16: number) => toDecimal(u16ProportionToFixed(u16));

/** Server weights per epoch: the big validator moves to server 2 first, the others follow. */
function kappaMovesFirst(epochs: number): number[][][] {
  return Array.from({ length: epochs }, (_, e) => [
    e === 0 ? [1, 0] : [0, 1],
    e <= 1 ? [1, 0] : [0, 1],
    e <= 2 ? [1, 0] : [0, 1],
  ]);
}

export function demoScenario(epochs = 12): DemoScenario {
  const validators = ["Big validator (0.8)", "Small validator A (0.1)", "Small validator B (0.1)"];
  const servers = ["Miner 1", "Miner 2"];
  const conv = convertYumaSimCase({
    case_id: "demo",
    name: "Kappa moves first",
    validators,
    servers,
    num_epochs: epochs,
    weights_epochs_expanded: kappaMovesFirst(epochs),
    stakes_segments: [{ epochs: `0..${epochs - 1}`, S: [0.8, 0.1, 0.1] }],
  });
  const records = runScenario(conv.scenario).slice(conv.firstEpoch);
  return {
    name: "Kappa moves first",
    validators,
    servers,
    epochs: records.map((r, k) => ({
      epoch: k,
      block: Number(r.block),
      dividends: r.output.dividends.map(share),
      incentive: r.output.incentive.map(share),
      emission: r.output.emission.map(String),
      consensus: r.output.consensus.map(share),
      validatorTrust: r.output.validatorTrust.map(share),
    })),
  };
}
