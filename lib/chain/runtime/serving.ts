/**
 * `SubtensorModule.serve_axon`: a registered hotkey announces where its axon listens
 * (`subnets/serving.rs`). Signed by the hotkey, `Pays::No`; rate-limited per subnet by
 * `ServingRateLimit`. The TLS certificate of `serve_axon_tls` and `serve_prometheus` are not here.
 */
import { type DispatchContext, callGroup, defineCall } from "./calls";
import { DispatchError } from "../errors";
import { type AxonInfo, setSubnet } from "./state";
import { subnetOrFail } from "./subnets";

const U32_MAX = 0xffff_ffffn;
const U128_MAX = (1n << 128n) - 1n;

interface ServeAxonArgs {
  netuid: number;
  version: number;
  ip: bigint;
  port: number;
  ipType: number;
  protocol: number;
  placeholder1: number;
  placeholder2: number;
}

/** `is_valid_ip_address` with zero allowed: IPv4 below u32::MAX and not 127.0.0.1; IPv6 not ::1 or all ones. */
function validIp(ipType: number, ip: bigint): boolean {
  if (ipType === 4) return ip < U32_MAX && ip !== 0x7f00_0001n;
  return ip !== U128_MAX && ip !== 1n;
}

function serveAxon(ctx: DispatchContext, a: ServeAxonArgs): void {
  const subnet = subnetOrFail(ctx, a.netuid);
  if (!subnet.neurons.some((x) => x.hotkey === ctx.signer)) throw new DispatchError("SubtensorModule.HotKeyNotRegisteredInNetwork", `hotkey ${ctx.signer} has no uid on subnet ${a.netuid}`);
  if (a.ipType !== 4 && a.ipType !== 6) throw new DispatchError("SubtensorModule.InvalidIpType", `ip_type must be 4 or 6, got ${a.ipType}`);
  if (!validIp(a.ipType, a.ip)) throw new DispatchError("SubtensorModule.InvalidIpAddress", `${a.ip} is not a servable IPv${a.ipType} address`);
  const previous = subnet.axons[ctx.signer];
  const limit = subnet.hyper.servingRateLimit;
  if (previous && limit !== 0n && previous.block !== 0n && ctx.block - previous.block < limit) {
    throw new DispatchError("SubtensorModule.ServingRateLimitExceeded", `the axon was served at block ${previous.block}; the next may come at ${previous.block + limit}`);
  }
  if (a.port === 0) throw new DispatchError("SubtensorModule.InvalidPort", "port 0 is not servable");
  const axon: AxonInfo = {
    block: ctx.block,
    version: a.version,
    ip: a.ip.toString(),
    port: a.port,
    ipType: a.ipType,
    protocol: a.protocol,
    placeholder1: a.placeholder1,
    placeholder2: a.placeholder2,
  };
  setSubnet(ctx.state, { ...subnet, axons: { ...subnet.axons, [ctx.signer]: axon } });
  ctx.emit("SubtensorModule.AxonServed", { netuid: a.netuid, hotkey: ctx.signer, ip: axon.ip, port: a.port, ipType: a.ipType, version: a.version });
}

/** `serve_axon` is `Pays::No` in subtensor. */
export const servingCalls = callGroup(
  defineCall({
    name: "SubtensorModule.serve_axon",
    weight: 0n,
    pays: "No",
    read: (r): ServeAxonArgs => ({
      netuid: r.u16("netuid"),
      version: r.u32("version"),
      ip: r.u128("ip"),
      port: r.u16("port"),
      ipType: r.u8("ip_type"),
      protocol: r.u8("protocol"),
      placeholder1: r.u8("placeholder1"),
      placeholder2: r.u8("placeholder2"),
    }),
    dispatch: serveAxon,
  }),
);
