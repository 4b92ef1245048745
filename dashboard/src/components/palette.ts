// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Status colours from the same palette, always shown with a word or icon as well as the colour. */
export const STATUS_COLOURS: Record<string, string> = {
  healthy: "#009E73",
  compliant: "#009E73",
  closed: "#009E73",
  ok: "#009E73",
  warning: "#E69F00",
  at_risk: "#E69F00",
  half_open: "#E69F00",
  critical: "#D55E00",
  breached: "#D55E00",
  open: "#D55E00",
  over: "#D55E00",
};

export function seriesColour(index: number): string {
  return OKABE_ITO[index % (OKABE_ITO.length - 1)];
}
