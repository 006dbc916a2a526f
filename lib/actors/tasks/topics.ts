/**
 * The vocabulary of the text-classification task's grammar: five topics of thirty words each,
 * and sixty filler words any text may use. Texts are drawn from it by a seeded generator
 * (lib/actors/tasks/classify.ts), not stored.
 *
 * Licence: written for Taoscope by its authors, not taken from any data set; MIT, like the rest
 * of the repository. (It is a module beside the task rather than a file under lib/actors/data/
 * because the repository's .gitignore ignores every directory named data/.)
 */

export const TOPIC_WORDS = {
  astronomy: [
    "telescope", "galaxy", "nebula", "orbit", "comet", "asteroid", "planet", "eclipse", "meteor", "supernova",
    "redshift", "quasar", "pulsar", "cosmos", "constellation", "observatory", "lunar", "solar", "stellar", "gravity",
    "spectrum", "parallax", "exoplanet", "magnitude", "zenith", "equinox", "aurora", "satellite", "astronaut", "nova",
  ],
  cooking: [
    "recipe", "oven", "simmer", "garlic", "flour", "butter", "skillet", "roast", "whisk", "dough",
    "sauce", "basil", "onion", "knead", "broth", "saute", "pepper", "marinade", "bake", "spatula",
    "cinnamon", "vinegar", "ladle", "grill", "pastry", "yeast", "braise", "caramel", "dumpling", "stew",
  ],
  finance: [
    "dividend", "bond", "equity", "interest", "inflation", "portfolio", "yield", "mortgage", "loan", "ledger",
    "audit", "invoice", "budget", "revenue", "hedge", "broker", "shares", "liquidity", "deficit", "credit",
    "debit", "tariff", "pension", "margin", "valuation", "treasury", "bankruptcy", "merger", "collateral", "dividends",
  ],
  football: [
    "goal", "striker", "midfielder", "penalty", "referee", "offside", "corner", "keeper", "tackle", "league",
    "stadium", "header", "dribble", "defender", "kickoff", "transfer", "derby", "volley", "crossbar", "halftime",
    "winger", "captain", "fixture", "relegation", "supporters", "freekick", "assist", "substitute", "pitch", "trophy",
  ],
  gardening: [
    "compost", "seedling", "trowel", "mulch", "pruning", "perennial", "soil", "hedge-trimmer", "greenhouse", "bulb",
    "fertilizer", "weeding", "rake", "orchard", "tulip", "rosebush", "watering", "germinate", "shrub", "vine",
    "hoe", "manure", "sprout", "blossom", "harvest", "trellis", "allotment", "shears", "lawn", "hydrangea",
  ],
} as const;

export type Topic = keyof typeof TOPIC_WORDS;

/** The topics in a fixed order (the labels' order for ties and for drawing). */
export const TOPICS: readonly Topic[] = ["astronomy", "cooking", "finance", "football", "gardening"];

export const FILLER_WORDS: readonly string[] = [
  "the", "a", "an", "of", "to", "in", "and", "for", "with", "on",
  "at", "by", "from", "about", "after", "before", "during", "this", "that", "these",
  "some", "many", "every", "new", "old", "big", "small", "good", "late", "early",
  "today", "yesterday", "week", "year", "people", "report", "story", "news", "people's", "local",
  "says", "said", "shows", "finds", "makes", "takes", "gets", "gives", "seems", "looks",
  "very", "really", "quite", "again", "still", "just", "also", "never", "always", "often",
];
