import type { NetworkFiguresDto } from "@/lib/dto";

/** The supply figures the home chart draws, one panel each. */
export const SUPPLY_SERIES: { key: keyof NetworkFiguresDto & ("issuance" | "free" | "staked" | "pooled"); label: string; color: string; note: string }[] = [
  { key: "issuance", label: "Issuance", color: "#38bdf8", note: "all TAO in existence" },
  { key: "free", label: "Free", color: "#a78bfa", note: "TAO in accounts" },
  { key: "staked", label: "Staked", color: "#34d399", note: "alpha at spot price plus root" },
  { key: "pooled", label: "In pools", color: "#fbbf24", note: "TAO in subnet pools" },
];
