#!/usr/bin/env node
/**
 * The `taoscope` command (package.json `bin`): runs the TypeScript CLI (cli/main.ts) through
 * tsx's ESM loader API, so nothing is built or committed; tsx is a devDependency, which is
 * what `npm install` in the repository installs. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../cli/main.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
