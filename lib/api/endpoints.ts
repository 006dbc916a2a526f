/**
 * The API's contract: every public route defined once, with its input schemas (the ones the
 * route parses with) and its answers (the DTO schemas of lib/dto.ts). The routes import their
 * query and path schemas from here, and lib/api/openapi.ts turns this list into the OpenAPI 3.1
 * document, so what the document says is what the server checks.
 */
import { z } from "zod";
import {
  blockDetailSchema,
  blockSummarySchema,
  distributionSchema,
  epochExplainSchema,
  epochHeatmapsSchema,
  flowsSchema,
  headSchema,
  healthSchema,
  mempoolLookupSchema,
  mempoolSchema,
  named,
  metagraphSchema,
  networkHistorySchema,
  neuronHistorySchema,
  pageSchema,
  searchResultSchema,
  signedExtrinsicSchema,
  submittedExtrinsicSchema,
  subnetEpochSchema,
  tokenomicsSchema,
} from "../dto";
import { accountSchema, richListSchema, validatorsSchema } from "../dto-accounts";
import { eventPageSchema, extrinsicDetailSchema, extrinsicPageSchema, extrinsicTrackSchema } from "../dto-extrinsics";
import { OFFCHAIN_SCORES_MAX, offchainScoresSchema } from "../dto-offchain";
import { subnetQueryBodySchema, subnetQuerySchema } from "../dto-query";
import { SUBNET_SORTS, hyperparamsSchema, metagraphExportSchema, overviewSchema, registrationsSchema, subnetHistorySchema, subnetListSchema } from "../dto-subnets";
import { MEMPOOL_LIMIT } from "../node/mempool";
import { eventQuery, extrinsicQuery } from "../server/explorer-params";
import { accountKey, accountQuery, accountsQuery, validatorsQuery } from "../server/account-params";
import { blockNumber, epoch, intIn, netuid, oneOf, uid } from "../server/params";

/** A path segment: the name errors use for it ("block number") and the schema that parses it. */
export interface PathParam {
  label: string;
  description: string;
  schema: z.ZodType<unknown, string>;
}

export interface Endpoint {
  method: "get" | "post";
  /** OpenAPI form: /api/blocks/{number}. */
  path: string;
  tag: "Chain" | "Accounts" | "Subnets" | "Analytics" | "Mempool" | "Node" | "Explorer";
  summary: string;
  description?: string;
  pathParams?: Record<string, PathParam>;
  query?: z.ZodRawShape;
  body?: z.ZodType;
  /** The success answer. */
  ok: { status: 200 | 202; description: string; schema: z.ZodType };
  /** Error answers this route gives besides 400 (bad input) and 500 (with a request id): the Error schema, or one of their own. */
  errors?: Partial<Record<404 | 409 | 429 | 503, string | { description: string; schema: z.ZodType }>>;
}

const hash64 = z
  .string()
  .refine((s) => /^0x[0-9a-fA-F]{64}$/.test(s), { error: "must be 0x and 64 hex digits" })
  .meta({ pattern: "^0x[0-9a-fA-F]{64}$" });

/** A `{block}-{uid}` cursor, as a registrations page's `next` gives it. */
const registrationCursor = z
  .string()
  .refine((s) => /^\d{1,18}-\d{1,5}$/.test(s), { error: "must be a cursor {block}-{uid} as `next` gives it" })
  .transform((s) => {
    const [b, u] = s.split("-");
    return { block: BigInt(b!), uid: Number(u) };
  })
  .meta({ pattern: "^\\d{1,18}-\\d{1,5}$" });

const netuidParam = { label: "netuid", description: "the subnet id (u16)", schema: netuid } satisfies PathParam;
const epochParam = { label: "epoch", description: "the subnet's epoch counter (0 is the first)", schema: epoch } satisfies PathParam;

function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

export const endpoints = {
  head: endpoint({
    method: "get",
    path: "/api/head",
    tag: "Chain",
    summary: "The head block, the genesis hash (what signatures cover), the network's figures at the head and running totals",
    ok: { status: 200, description: "the head", schema: headSchema },
    errors: { 503: "no block yet: the node is starting" },
  }),
  health: endpoint({
    method: "get",
    path: "/api/health",
    tag: "Node",
    summary: "Node status, head and history fast-forward progress",
    ok: { status: 200, description: "status", schema: healthSchema },
    errors: { 503: "the node failed (the body's `error` says why)" },
  }),
  blocks: endpoint({
    method: "get",
    path: "/api/blocks",
    tag: "Chain",
    summary: "Blocks, newest first (keyset-paginated)",
    query: { limit: intIn(1, 100).default(20), before: blockNumber.optional().describe("only blocks below this number (the previous page's `next`)") },
    ok: { status: 200, description: "a page of blocks", schema: pageSchema("BlockPage", blockSummarySchema) },
  }),
  block: endpoint({
    method: "get",
    path: "/api/blocks/{number}",
    tag: "Chain",
    summary: "A block with its extrinsics and events",
    pathParams: { number: { label: "block number", description: "the block number", schema: blockNumber } },
    ok: { status: 200, description: "the block", schema: blockDetailSchema },
    errors: { 404: "no such block (yet)" },
  }),
  extrinsics: endpoint({
    method: "get",
    path: "/api/extrinsics",
    tag: "Chain",
    summary: "Included extrinsics, newest first, filtered by call, signer, result and block range (keyset-paginated both ways)",
    query: extrinsicQuery,
    ok: { status: 200, description: "a page of extrinsics", schema: extrinsicPageSchema },
  }),
  extrinsic: endpoint({
    method: "get",
    path: "/api/extrinsics/{id}",
    tag: "Chain",
    summary: "An extrinsic with its decoded arguments, fee, outcome and events",
    description: "The id is `{block}-{index:04}` (`120-3` too) or the extrinsic's 0x hash; a hash several extrinsics share answers 409 with the candidates.",
    pathParams: { id: { label: "extrinsic id", description: "{block}-{index:04} or a 0x extrinsic hash", schema: z.string() } },
    ok: { status: 200, description: "the extrinsic", schema: extrinsicDetailSchema },
    errors: {
      404: "no such extrinsic",
      409: {
        description: "several extrinsics have this hash: ask for one by id",
        schema: named("AmbiguousExtrinsic", z.object({ error: z.string(), candidates: z.array(z.string()).describe("their ids") })),
      },
    },
  }),
  trackExtrinsic: endpoint({
    method: "get",
    path: "/api/extrinsics/by-hash/{hash}",
    tag: "Mempool",
    summary: "Where a submitted extrinsic is: pending, included (block, outcome, fee, events) or dropped (why)",
    description:
      "The `track` URL of POST /api/extrinsics's answer. `status` tells the three answers apart: `pending` (ready or future, in the mempool), `included` (the newest block holding the hash), `dropped` (its cause: Expired, Stale, Payment, ...). Any process answers from the database; the mempool is persisted with the blocks.",
    pathParams: { hash: { label: "extrinsic hash", description: "the hash POST /api/extrinsics answered", schema: hash64 } },
    ok: { status: 200, description: "pending, included or dropped", schema: extrinsicTrackSchema },
    errors: { 404: "no block holds it, it is not pending, and it is not among the recently dropped" },
  }),
  events: endpoint({
    method: "get",
    path: "/api/events",
    tag: "Chain",
    summary: "Events, newest first, filtered by pallet, name, account and block range (keyset-paginated both ways)",
    query: eventQuery,
    ok: { status: 200, description: "a page of events", schema: eventPageSchema },
  }),
  submitExtrinsic: endpoint({
    method: "post",
    path: "/api/extrinsics",
    tag: "Mempool",
    summary: "Submit a signed extrinsic",
    description:
      "Checked (call, arguments, signature, nonce, fee) and put in the mempool: `ready` for the next block, or `future` until the signer's earlier nonces arrive. The answer's `track` is GET /api/extrinsics/by-hash/{hash}. The body is at most 128 KiB.",
    body: signedExtrinsicSchema,
    ok: { status: 202, description: "accepted into the mempool", schema: submittedExtrinsicSchema },
    errors: { 429: "past the per-client write limit (TAOSCOPE_WRITE_RATE a second, TAOSCOPE_WRITE_BURST at once; the client is the first X-Forwarded-For address): the Retry-After header says in how many seconds to retry" },
  }),
  mempool: endpoint({
    method: "get",
    path: "/api/mempool",
    tag: "Mempool",
    summary: "Pending extrinsics and the most recently dropped ones with their reason",
    query: { limit: intIn(1, MEMPOOL_LIMIT).default(256) },
    ok: { status: 200, description: "the mempool", schema: mempoolSchema },
  }),
  mempoolEntry: endpoint({
    method: "get",
    path: "/api/mempool/{hash}",
    tag: "Mempool",
    summary: "A submitted extrinsic's fate while it is not in a block",
    pathParams: { hash: { label: "extrinsic hash", description: "the hash POST /api/extrinsics answered", schema: hash64 } },
    ok: { status: 200, description: "pending (ready or future) or dropped (why)", schema: mempoolLookupSchema },
    errors: { 404: "neither pending nor among the recently dropped (an included extrinsic is in its block)" },
  }),
  networkHistory: endpoint({
    method: "get",
    path: "/api/network/history",
    tag: "Analytics",
    summary: "Network figures at evenly spaced blocks from genesis to the head",
    query: { points: intIn(2, 1000).default(120) },
    ok: { status: 200, description: "the points", schema: networkHistorySchema },
  }),
  search: endpoint({
    method: "get",
    path: "/api/search",
    tag: "Explorer",
    summary: "What an input names on this chain: blocks, extrinsics, accounts, subnets",
    description: "A malformed input answers 200 with no matches and `invalid` saying why.",
    query: { q: z.string().max(200, { error: "must be at most 200 characters" }).describe("a block number or hash, an extrinsic id (1200-0003) or hash, an SS58 address or 0x public key, a netuid") },
    ok: { status: 200, description: "the matches", schema: searchResultSchema },
  }),
  accounts: endpoint({
    method: "get",
    path: "/api/accounts",
    tag: "Accounts",
    summary: "The rich list: accounts by total, free or staked τ, largest first (keyset-paginated)",
    query: accountsQuery,
    ok: { status: 200, description: "a page of accounts", schema: richListSchema },
  }),
  account: endpoint({
    method: "get",
    path: "/api/accounts/{address}",
    tag: "Accounts",
    summary: "An account's coldkey role (balance, stake positions, extrinsics, transfers, balance history) and hotkey role (uids, take, nominators, dividends)",
    pathParams: { address: { label: "address", description: "an SS58 address (prefix 42) or a 0x-hex public key", schema: accountKey } },
    query: accountQuery,
    ok: { status: 200, description: "the account", schema: accountSchema },
    errors: { 404: "the chain has never seen this account" },
  }),
  validators: endpoint({
    method: "get",
    path: "/api/validators",
    tag: "Accounts",
    summary: "Every hotkey with a validator permit anywhere: stake, nominators, take, return, per-subnet trust and dividends",
    query: validatorsQuery,
    ok: { status: 200, description: "a page of validators", schema: validatorsSchema },
  }),
  subnets: endpoint({
    method: "get",
    path: "/api/subnets",
    tag: "Subnets",
    summary: "Every subnet with its emission share, 7-day price line, pool, registration price and age",
    description: "Emission: τ the subnet received in the head block and its share of that block's emission (dTAO: its SubnetEmission; seed2024: its EmissionValues from the root weights). Sorted on the server; ties by netuid.",
    query: { sort: oneOf(SUBNET_SORTS).default("netuid"), order: oneOf(["asc", "desc"]).default("asc") },
    ok: { status: 200, description: "the subnets in the order asked", schema: subnetListSchema },
  }),
  hyperparams: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/hyperparams",
    tag: "Subnets",
    summary: "A subnet's hyperparameters under btcli's names, with units",
    pathParams: { netuid: netuidParam },
    ok: { status: 200, description: "the hyperparameters its era stores", schema: hyperparamsSchema },
    errors: { 404: "no such subnet" },
  }),
  registrations: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/registrations",
    tag: "Subnets",
    summary: "Uid registrations newest first, with the hotkey each replacement pruned (keyset-paginated)",
    pathParams: { netuid: netuidParam },
    query: { limit: intIn(1, 200).default(25), before: registrationCursor.optional().describe("the previous page's `next`: {block}-{uid}") },
    ok: { status: 200, description: "a page of registrations", schema: registrationsSchema },
    errors: { 404: "no such subnet" },
  }),
  subnetHistory: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/history",
    tag: "Subnets",
    summary: "A subnet's pool price, reserves and registration price after its stored epochs, evenly sampled",
    pathParams: { netuid: netuidParam },
    query: { range: oneOf(["week", "all"]).default("all"), points: intIn(2, 500).default(120) },
    ok: { status: 200, description: "the history", schema: subnetHistorySchema },
    errors: { 404: "no such subnet" },
  }),
  metagraphExport: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/metagraph/export",
    tag: "Subnets",
    summary: "A stored epoch's metagraph under the Bittensor SDK's column names, as a JSON or CSV download",
    description: "format=csv answers text/csv with the same columns but weights and bonds, one row per uid.",
    pathParams: { netuid: netuidParam },
    query: { epoch: epoch.optional().describe("the stored epoch (the latest by default)"), format: oneOf(["json", "csv"]).default("json") },
    ok: { status: 200, description: "the metagraph (JSON form)", schema: metagraphExportSchema },
    errors: { 404: "no such subnet or stored epoch" },
  }),
  metagraph: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/metagraph",
    tag: "Subnets",
    summary: "A subnet's metagraph: the latest, or a stored epoch's with that epoch's subnet figures",
    pathParams: { netuid: netuidParam },
    query: { epoch: epoch.optional() },
    ok: { status: 200, description: "the metagraph", schema: metagraphSchema },
    errors: { 404: "no such subnet, or no such stored epoch" },
  }),
  subnetEpochs: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/epochs",
    tag: "Subnets",
    summary: "A subnet's epoch history, newest first (keyset-paginated)",
    pathParams: { netuid: netuidParam },
    query: { limit: intIn(1, 200).default(20), before: epoch.optional().describe("only epochs below this one (the previous page's `next`)") },
    ok: { status: 200, description: "a page of epochs", schema: pageSchema("SubnetEpochPage", subnetEpochSchema) },
    errors: { 404: "no such subnet" },
  }),
  explain: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/epochs/{epoch}/explain",
    tag: "Analytics",
    summary: "A stored epoch re-run step by step by the real epoch function, checked against its stored metagraph",
    pathParams: { netuid: netuidParam, epoch: epochParam },
    query: { uid: uid.optional().describe("focus on this uid") },
    ok: { status: 200, description: "the epoch explained", schema: epochExplainSchema },
    errors: { 404: "no such subnet, epoch or uid" },
  }),
  heatmaps: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/epochs/{epoch}/heatmaps",
    tag: "Analytics",
    summary: "A stored epoch's weights and bonds heatmaps (the re-run's masked weights, the bonds after it, consensus per uid), packed",
    pathParams: { netuid: netuidParam, epoch: epochParam },
    ok: { status: 200, description: "the heatmaps", schema: epochHeatmapsSchema },
    errors: { 404: "no such subnet or epoch, or an epoch stored before its inputs were" },
  }),
  distribution: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/distribution",
    tag: "Analytics",
    summary: "Incentive and dividends spread (Gini, Lorenz, top-k) and the emission split of a stored epoch",
    pathParams: { netuid: netuidParam },
    query: { epoch: epoch.optional().describe("the stored epoch (the latest by default)") },
    ok: { status: 200, description: "the distribution", schema: distributionSchema },
    errors: { 404: "no such subnet or stored epoch" },
  }),
  subnetQuery: endpoint({
    method: "post",
    path: "/api/subnets/{netuid}/query",
    tag: "Subnets",
    summary: "Query a subnet's top-k miners by incentive as a mixture of experts (off-chain simulation data)",
    description:
      "Draws the subnet's task challenge for `round` (seeded by the network seed, the netuid and the round), asks the top-k miners of the latest metagraph by incentive (ties by uid; non-earners only when fewer than k earn), each with its profile's strategy and full per-tempo budget, and combines their answers weighted by incentive. Answers the combined answer and score beside every asked miner's, a random miner's, the best miner's and the median. OFF-CHAIN SIMULATION DATA: nothing here is on the chain. The body is at most 1 KiB; an empty body takes the defaults.",
    pathParams: { netuid: netuidParam },
    body: subnetQueryBodySchema,
    ok: { status: 200, description: "the experts' answers (off-chain simulation data)", schema: subnetQuerySchema },
    errors: { 404: "no such subnet, or netuid 0 (root runs no task)", 409: "the subnet has no miner earning incentive yet (before its validators' first weights count), or the network runs the synthetic traffic, whose miners do no task" },
  }),
  neuronHistory: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/uids/{uid}/history",
    tag: "Subnets",
    summary: "A uid's figures per stored epoch, its holders, and the weights it set and received",
    pathParams: { netuid: netuidParam, uid: { label: "uid", description: "the uid on the subnet", schema: uid } },
    query: { epoch: epoch.optional().describe("the epoch the weights are from (the latest stored by default)"), before: epoch.optional().describe("only epochs below this one"), limit: intIn(1, 2000).default(500) },
    ok: { status: 200, description: "the uid's history", schema: neuronHistorySchema },
    errors: { 404: "no such subnet or uid" },
  }),
  neuronOffchain: endpoint({
    method: "get",
    path: "/api/subnets/{netuid}/uids/{uid}/offchain",
    tag: "Subnets",
    summary: "A uid's hotkey in the Proof-of-Intelligence simulation: its role, its strategy as a miner, and the scores its validators gave it (off-chain simulation data)",
    description:
      "OFF-CHAIN SIMULATION DATA: the validators' private scores, which never go on the chain (only the weights derived from them do). A miner's profile follows from the network seed and its hotkey; its scores are every round's, as each validator saw them, with the validator's EMA after each (the newest `limit` over all validators). The history is the hotkey's current registration's: a uid taken over by a new hotkey, or a hotkey pruned and registered again, starts afresh (the validators forget a pruned hotkey's EMA at their next round).",
    pathParams: { netuid: netuidParam, uid: { label: "uid", description: "the uid on the subnet", schema: uid } },
    query: { limit: intIn(1, OFFCHAIN_SCORES_MAX).default(2000) },
    ok: { status: 200, description: "the uid's hotkey in the simulation (off-chain simulation data)", schema: offchainScoresSchema },
    errors: { 404: "no such subnet or uid, or netuid 0 (root runs no task)" },
  }),
  overview: endpoint({
    method: "get",
    path: "/api/overview",
    tag: "Explorer",
    summary: "The home page's latest extrinsics, top subnets by emission, top validators by stake and the next halving",
    query: { limit: intIn(1, 50).default(8) },
    ok: { status: 200, description: "the overview", schema: overviewSchema },
  }),
  flows: endpoint({
    method: "get",
    path: "/api/flows",
    tag: "Analytics",
    summary: "Reward flows of a block range with their Sankey graphs, exact to the rao",
    description: "Either `range` or `from`/`to` (default: the last 360 blocks).",
    query: { range: oneOf(["tempo", "day", "week", "all"]).optional(), from: blockNumber.optional(), to: blockNumber.optional() },
    ok: { status: 200, description: "the flows", schema: flowsSchema },
  }),
  tokenomics: endpoint({
    method: "get",
    path: "/api/tokenomics",
    tag: "Analytics",
    summary: "Supply and staking over time, subnets' emission shares, and issuance projected to 21M with its halvings",
    query: { range: oneOf(["day", "week", "all"]).default("all"), points: intIn(2, 500).default(120) },
    ok: { status: 200, description: "the tokenomics", schema: tokenomicsSchema },
  }),
} satisfies Record<string, Endpoint>;

export const ENDPOINTS: readonly Endpoint[] = Object.values(endpoints);
