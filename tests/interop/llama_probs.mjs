// Next-token distributions from llama.cpp (through node-llama-cpp) for a token sequence.
//
// Usage: node llama_probs.mjs MODEL.gguf TOKENS.json [--top K]
//   TOKENS.json: {"tokens": [t0, t1, ...]} (or a bare array). The tokens are evaluated in one
//   sequence; after each position i the model's distribution over the next token is taken with
//   plain softmax (temperature 1, no top-k/top-p/min-p truncation).
// Prints one JSON object on stdout:
//   {"model": str, "n_vocab": V, "tokens": [...],
//    "positions": [{"pos": i, "next": t(i+1) | null, "logprob": ln p(t(i+1)) | null,
//                   "probs": [p(0), ..., p(V-1)]          // without --top: the full distribution
//                   "top": [[token, ln p], ...]}, ...]}  // with --top K: the K most likely only
// Exit code 0 on success, 2 on bad arguments, 1 if llama.cpp fails to load or evaluate.
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

function usage(msg) {
    process.stderr.write(`llama_probs.mjs: ${msg}\nusage: node llama_probs.mjs MODEL.gguf TOKENS.json [--top K]\n`);
    process.exit(2);
}

const args = process.argv.slice(2);
let top = 0;
const pos = [];
for (let i = 0; i < args.length; ++i) {
    if (args[i] === "--top") {
        top = Number(args[++i]);
        if (!Number.isInteger(top) || top <= 0) usage("--top needs a positive integer");
    } else pos.push(args[i]);
}
if (pos.length !== 2) usage("expected MODEL.gguf and TOKENS.json");
const [modelPath, tokensPath] = pos;

let tokens;
try {
    const parsed = JSON.parse(readFileSync(tokensPath, "utf8"));
    tokens = Array.isArray(parsed) ? parsed : parsed.tokens;
} catch (e) {
    usage(`cannot read ${tokensPath}: ${e.message}`);
}
if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(Number.isInteger))
    usage(`${tokensPath}: no token list`);

try {
    const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: Math.max(64, tokens.length + 8), batchSize: tokens.length + 8, threads: 1 });
    const sequence = context.getSequence();
    const options = { temperature: 1, topK: 0, topP: 1, minP: 0, seed: 1 };
    const input = tokens.map((t) => [t, { generateNext: { probabilities: true, options } }]);
    const results = await sequence.controlledEvaluate(input);
    const nVocab = results[0]?.next?.probabilities?.size ?? 0;
    const positions = [];
    for (let i = 0; i < tokens.length; ++i) {
        const probs = results[i]?.next?.probabilities;
        if (!probs) throw new Error(`no distribution at position ${i}`);
        const next = i + 1 < tokens.length ? tokens[i + 1] : null;
        const p = next === null ? null : (probs.get(next) ?? 0);
        const entry = { pos: i, next, logprob: p === null ? null : (p > 0 ? Math.log(p) : -1e30) };
        if (top > 0) {
            entry.top = [];
            for (const [tok, pr] of probs) {
                if (entry.top.length >= top) break;
                entry.top.push([tok, pr > 0 ? Math.log(pr) : -1e30]);
            }
        } else {
            const full = new Array(nVocab).fill(0);
            for (const [tok, pr] of probs) if (tok >= 0 && tok < nVocab) full[tok] = pr;
            entry.probs = full;
        }
        positions.push(entry);
    }
    process.stdout.write(JSON.stringify({ model: modelPath, n_vocab: nVocab, tokens, positions }) + "\n");
    await context.dispose();
    await model.dispose();
    await llama.dispose();
} catch (e) {
    process.stderr.write(`llama_probs.mjs: ${modelPath}: ${e?.message ?? e}\n`);
    process.exit(1);
}
