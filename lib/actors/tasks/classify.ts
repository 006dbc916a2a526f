/**
 * Text classification: short texts drawn from a seeded grammar over five topics
 * (lib/actors/tasks/topics.ts). A text of L words (L uniform in [minWords, maxWords]) takes each
 * word from its own topic with probability topicRate, from another topic (uniform among them)
 * with probability crossRate, and otherwise from the filler words. The validator draws fresh
 * items each round and keeps their labels; a miner answers one label per text.
 *
 * Miner strategies are trained classifiers, both linear in word counts (score_c = bias_c +
 * Σ_words weight[word][c], the largest wins, ties to the first topic):
 * - multinomial naive Bayes with Laplace smoothing: weight = log P(word | c), bias = log P(c);
 * - softmax (multinomial logistic) regression fitted by full-batch gradient descent on the mean
 *   cross-entropy with an L2 penalty, from zero weights, in a fixed order (deterministic).
 * What distinguishes miners is the model and how many items it was trained on (its own seeded
 * draw from the same grammar). Training happens once, when the miner is made, outside the
 * per-tempo budget; answering costs words × topics compute units per text, and a miner whose
 * budget runs out leaves the remaining texts unanswered.
 *
 * Score: accuracy on the round's items (an unanswered item counts as wrong).
 */
import type { Rng } from "../../chain/rng";
import { requireInt, requireNumber, requirePositive } from "../check";
import { FILLER_WORDS, TOPIC_WORDS, TOPICS, type Topic } from "./topics";
import { rngFor } from "../seed";
import { weightedVote, type Challenge, type Task, type WeightedAnswer, type Work } from "../task";

export interface TextGrammar {
  readonly minWords: number;
  readonly maxWords: number;
  readonly topicRate: number;
  readonly crossRate: number;
}

export const DEFAULT_GRAMMAR: TextGrammar = { minWords: 6, maxWords: 12, topicRate: 0.35, crossRate: 0.05 };

export interface LabelledText {
  readonly text: string;
  readonly label: Topic;
}

export interface ClassifyQuery {
  readonly texts: readonly string[];
}

export type ClassifyAnswer = readonly (Topic | null)[];

/** A linear classifier over word counts: what both naive Bayes and logistic regression train to. */
export interface TextModel {
  readonly kind: ClassifierKind;
  readonly trainingSize: number;
  /** One bias per topic, in TOPICS order. */
  readonly bias: readonly number[];
  /** Per known word, one weight per topic in TOPICS order; unknown words are ignored. */
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

export type ClassifierKind = "naive-bayes" | "logistic-regression";

export interface ClassifierSpec {
  readonly kind: ClassifierKind;
  /** Items the classifier is trained on (at least 1). */
  readonly trainingSize: number;
  /** Seeds the draw of its training items. */
  readonly seed: number;
  /** Logistic regression's gradient steps (default 300, LogisticOptions); naive Bayes ignores it. */
  readonly epochs?: number;
}

function checkGrammar(g: TextGrammar): TextGrammar {
  requireInt("minWords", g.minWords, 1);
  requireInt("maxWords", g.maxWords, g.minWords);
  requireNumber("topicRate", g.topicRate, 0, 1);
  requireNumber("crossRate", g.crossRate, 0, 1 - g.topicRate);
  return g;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)]!;
}

/** One text of topic `label` drawn from the grammar. */
export function generateText(rng: Rng, label: Topic, grammar: TextGrammar): string {
  const length = grammar.minWords + rng.int(grammar.maxWords - grammar.minWords + 1);
  const others = TOPICS.filter((t) => t !== label);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const u = rng.next();
    if (u < grammar.topicRate) words.push(pick(rng, TOPIC_WORDS[label]));
    else if (u < grammar.topicRate + grammar.crossRate && others.length > 0) words.push(pick(rng, TOPIC_WORDS[pick(rng, others)]));
    else words.push(pick(rng, FILLER_WORDS));
  }
  return words.join(" ");
}

/** `count` labelled texts, the labels taking the topics in turn (balanced classes). */
export function labelledTexts(rng: Rng, count: number, grammar: TextGrammar): LabelledText[] {
  requireInt("count", count, 0);
  return Array.from({ length: count }, (_, i) => {
    const label = TOPICS[i % TOPICS.length]!;
    return { text: generateText(rng, label, grammar), label };
  });
}

/** Lower-cased words split on whitespace. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

/** Multinomial naive Bayes with add-`smoothing` (Laplace) estimates over the training vocabulary. */
export function trainNaiveBayes(items: readonly LabelledText[], smoothing = 1): TextModel {
  requirePositive("smoothing", smoothing);
  if (items.length === 0) throw new RangeError("naive Bayes needs at least one training item, got 0");
  const k = TOPICS.length;
  const counts = new Map<string, number[]>();
  const totals = new Array<number>(k).fill(0);
  const docs = new Array<number>(k).fill(0);
  for (const item of items) {
    const c = TOPICS.indexOf(item.label);
    docs[c] = docs[c]! + 1;
    for (const w of tokenize(item.text)) {
      let row = counts.get(w);
      if (!row) counts.set(w, (row = new Array<number>(k).fill(0)));
      row[c] = row[c]! + 1;
      totals[c] = totals[c]! + 1;
    }
  }
  const vocabulary = counts.size;
  const weights = new Map<string, number[]>();
  for (const [w, row] of counts) weights.set(w, row.map((n, c) => Math.log((n + smoothing) / (totals[c]! + smoothing * vocabulary))));
  // A topic with no training item gets the smallest prior rather than log 0, so it can still be predicted from words.
  const bias = docs.map((d) => Math.log((d + smoothing) / (items.length + smoothing * k)));
  return { kind: "naive-bayes", trainingSize: items.length, bias, weights };
}

export interface LogisticOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
}

/**
 * Softmax regression on word counts (and a bias per topic), by `epochs` full-batch gradient
 * steps on the mean cross-entropy + (l2 / 2)·‖W‖² (the biases are not penalised).
 * Defaults: 300 epochs, learning rate 1, l2 = 1e-3. The loss's curvature is at most ½·the
 * largest eigenvalue of the mean of x·xᵀ (x: the counts and the bias's 1); for texts of 6–12
 * words over ~200 words that is about 1.4 (the bias and the word total move together), so the
 * curvature is at most about 0.7 and a rate of 1 stays well below the 2 / 0.7 where gradient
 * descent would overshoot.
 */
export function trainLogisticRegression(items: readonly LabelledText[], options: LogisticOptions = {}): TextModel {
  const epochs = requireInt("epochs", options.epochs ?? 300, 0);
  const rate = requireNumber("learningRate", options.learningRate ?? 1, 0);
  const l2 = requireNumber("l2", options.l2 ?? 1e-3, 0);
  if (items.length === 0) throw new RangeError("logistic regression needs at least one training item, got 0");
  const k = TOPICS.length;
  const index = new Map<string, number>();
  const docs = items.map((item) => {
    const bag = new Map<number, number>();
    for (const w of tokenize(item.text)) {
      let f = index.get(w);
      if (f === undefined) index.set(w, (f = index.size));
      bag.set(f, (bag.get(f) ?? 0) + 1);
    }
    return { features: [...bag], label: TOPICS.indexOf(item.label) };
  });
  const w = new Float64Array(index.size * k);
  const b = new Float64Array(k);
  const gw = new Float64Array(w.length);
  const gb = new Float64Array(k);
  const p = new Float64Array(k);
  const n = docs.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    gw.fill(0);
    gb.fill(0);
    for (const doc of docs) {
      softmax(doc.features, w, b, p);
      p[doc.label] = p[doc.label]! - 1; // p − y
      for (let c = 0; c < k; c++) gb[c] = gb[c]! + p[c]! / n;
      for (const [f, count] of doc.features) for (let c = 0; c < k; c++) gw[f * k + c] = gw[f * k + c]! + (count * p[c]!) / n;
    }
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - rate * (gw[i]! + l2 * w[i]!);
    for (let c = 0; c < k; c++) b[c] = b[c]! - rate * gb[c]!;
  }
  const weights = new Map<string, number[]>();
  for (const [word, f] of index) weights.set(word, Array.from(w.subarray(f * k, f * k + k)));
  return { kind: "logistic-regression", trainingSize: items.length, bias: Array.from(b), weights };
}

/** Class probabilities into `out` for a bag of [feature, count] pairs (weights laid out feature-major). */
function softmax(features: readonly (readonly [number, number])[], w: Float64Array, b: Float64Array, out: Float64Array): void {
  const k = out.length;
  for (let c = 0; c < k; c++) out[c] = b[c]!;
  for (const [f, count] of features) for (let c = 0; c < k; c++) out[c] = out[c]! + count * w[f * k + c]!;
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
}

/** The model's topic for a text's words: the largest linear score, ties to the first topic. */
export function classifyTokens(model: TextModel, tokens: readonly string[]): Topic {
  const scores = [...model.bias];
  for (const t of tokens) {
    const row = model.weights.get(t);
    if (row) row.forEach((x, c) => (scores[c] = scores[c]! + x));
  }
  let best = 0;
  scores.forEach((s, c) => {
    if (s > scores[best]!) best = c;
  });
  return TOPICS[best]!;
}

/** Accuracy of `answer` against the labels: the share of items answered with the right topic. */
export function accuracy(truth: readonly Topic[], answer: ClassifyAnswer | null): number {
  if (!answer || truth.length === 0) return 0;
  let right = 0;
  truth.forEach((label, i) => {
    if (answer[i] === label) right++;
  });
  return right / truth.length;
}

/** Per item, the incentive-weighted vote of the answers that labelled it (null where none did). */
export function combineLabels(items: number, answers: readonly WeightedAnswer<ClassifyAnswer>[]): ClassifyAnswer {
  return Array.from({ length: items }, (_, i) => {
    const votes: WeightedAnswer<Topic>[] = [];
    for (const a of answers) {
      const label = a.answer[i];
      if (label) votes.push({ answer: label, weight: a.weight });
    }
    return weightedVote(votes, TOPICS) ?? null;
  });
}

export interface ClassifyOptions {
  /** Texts per round (default 8). */
  readonly itemsPerQuery?: number;
  readonly grammar?: TextGrammar;
}

export type ClassifyTask = Task<ClassifyQuery, readonly Topic[], ClassifyAnswer, TextModel> & {
  readonly grammar: TextGrammar;
  /** A miner's classifier: `spec.trainingSize` items drawn with `spec.seed`, then trained. */
  train(spec: ClassifierSpec): TextModel;
};

/** PERF: a query's texts tokenized once, for every miner that answers it (a pure memo). */
const tokenized = new WeakMap<ClassifyQuery, readonly string[][]>();
function tokensOf(query: ClassifyQuery): readonly string[][] {
  let tokens = tokenized.get(query);
  if (!tokens) tokenized.set(query, (tokens = query.texts.map(tokenize)));
  return tokens;
}

export function createClassifyTask(options: ClassifyOptions = {}): ClassifyTask {
  const itemsPerQuery = requireInt("itemsPerQuery", options.itemsPerQuery ?? 8, 1);
  const grammar = checkGrammar(options.grammar ?? DEFAULT_GRAMMAR);
  return {
    name: "classify",
    grammar,
    train(spec) {
      requireInt("trainingSize", spec.trainingSize, 1);
      const items = labelledTexts(rngFor(spec.seed), spec.trainingSize, grammar);
      return spec.kind === "naive-bayes" ? trainNaiveBayes(items) : trainLogisticRegression(items, spec.epochs === undefined ? {} : { epochs: spec.epochs });
    },
    query(rng): Challenge<ClassifyQuery, readonly Topic[]> {
      const labels = Array.from({ length: itemsPerQuery }, () => pick(rng, TOPICS));
      return { query: { texts: labels.map((l) => generateText(rng, l, grammar)) }, truth: labels };
    },
    answer(model, query, budget): Work<ClassifyAnswer> {
      requireNumber("budget", budget, 0);
      let spent = 0;
      let exhausted = false;
      const labels: (Topic | null)[] = [];
      for (const tokens of tokensOf(query)) {
        const cost = tokens.length * model.bias.length;
        exhausted ||= spent + cost > budget;
        if (exhausted) labels.push(null);
        else {
          spent += cost;
          labels.push(classifyTokens(model, tokens));
        }
      }
      return { answer: labels, computeSpent: spent };
    },
    score: (_query, truth, answer) => accuracy(truth, answer),
    combine: (query, answers) => combineLabels(query.texts.length, answers),
    degrade(answer, severity, rng) {
      requireNumber("severity", severity, 0, 1);
      return answer.map((label) => (label !== null && rng.next() < severity ? pick(rng, TOPICS) : label));
    },
  };
}
