/** Every command, by its words (`stake add`), with the options it takes. */
import type { OptionSpecs } from "../args";
import type { Context } from "../context";
import { adminCommands } from "./admin";
import { stakeCommands } from "./stake";
import { subnetCommands } from "./subnet";
import { walletCommands } from "./wallet";
import { weightsCommands } from "./weights";

export interface Command {
  summary: string;
  options: OptionSpecs;
  /** The exit code: 0 done, 1 failed on the chain. */
  run(ctx: Context): Promise<number>;
}

export const COMMANDS: Readonly<Record<string, Command>> = { ...walletCommands, ...stakeCommands, ...subnetCommands, ...weightsCommands, ...adminCommands };
