import type { NetworkFiguresDto } from "@/lib/dto";

/** The supply figures the home chart draws, one panel each. */
export const SUPPLY_SERIES: { key: keyof NetworkFiguresDto & ("issuance" | "free" | "staked" | "pooled"); label: string; color: string; note: string }[] = [
  { key: "issuance", label: "Issuance", color: "var(--color-sky-400)", note: "all TAO in existence" },
  { key: "free", label: "Free", color: "#8b5cf6", note: "TAO in accounts" },
  { key: "staked", label: "Staked", color: "var(--color-emerald-400)", note: "alpha at spot price plus root" },
  { key: "pooled", label: "In pools", color: "var(--color-amber-400)", note: "TAO in subnet pools" },
];
