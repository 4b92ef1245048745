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

// The providers we know get a colour of their own; others a stable one from their name, so a provider
// is the same colour in every chart of the app.
const KNOWN_PROVIDERS: Record<string, string> = {
  openai: OKABE_ITO[0],
  anthropic: OKABE_ITO[1],
  google: OKABE_ITO[2],
  azure: OKABE_ITO[4],
  mistral: OKABE_ITO[3],
  bedrock: OKABE_ITO[5],
};

export function providerColour(provider: string): string {
  const known = KNOWN_PROVIDERS[provider.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (const c of provider) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return seriesColour(hash);
}
