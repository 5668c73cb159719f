// Mean KL divergence of a candidate GGUF's next-token distributions from a reference GGUF's, both
// run by llama.cpp (node-llama-cpp) on the same tokens, one sequence each (positions 0..n-2).
//
// Usage: node kl_vs_reference.mjs REFERENCE.gguf CANDIDATE.gguf TOKENS.json|sample:N:SEED
//   sample:N:SEED evaluates N tokens that llama.cpp samples from the reference (temperature 1, seed
//   SEED) after BOS, instead of a token file.
// Prints {"kld_mean": x, "top1_agreement": y, "positions": n} on stdout.
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const [refPath, candPath, tokensPath] = process.argv.slice(2);
if (!tokensPath) {
    process.stderr.write("usage: node kl_vs_reference.mjs REFERENCE.gguf CANDIDATE.gguf TOKENS.json\n");
    process.exit(2);
}
const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
let tokens;
if (tokensPath.startsWith("sample:")) {
    const [, n, seed] = tokensPath.split(":").map(Number);
    const model = await llama.loadModel({ modelPath: refPath, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: n + 8, threads: 2 });
    tokens = [1];
    for await (const t of context.getSequence().evaluate([1], { temperature: 1, topK: 0, topP: 1, minP: 0, seed })) {
        tokens.push(t);
        if (tokens.length >= n) break;
    }
    await context.dispose();
    await model.dispose();
} else {
    const parsed = JSON.parse(readFileSync(tokensPath, "utf8"));
    tokens = Array.isArray(parsed) ? parsed : parsed.tokens;
}
async function distributions(path) {
    const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: Math.max(64, tokens.length + 8), batchSize: tokens.length + 8, threads: 2 });
    const options = { temperature: 1, topK: 0, topP: 1, minP: 0, seed: 1 };
    const results = await context.getSequence().controlledEvaluate(tokens.map((t) => [t, { generateNext: { probabilities: true, options } }]));
    const out = results.map((r) => r.next.probabilities);
    await context.dispose();
    await model.dispose();
    return out;
}
const ref = await distributions(refPath);
const cand = await distributions(candPath);
let kl = 0, agree = 0;
const n = tokens.length - 1;
for (let i = 0; i < n; ++i) {
    let k = 0, bestR = -1, bestRp = -1, bestC = -1, bestCp = -1;
    for (const [t, p] of ref[i]) {
        if (p > bestRp) { bestRp = p; bestR = t; }
        if (p > 0) k += p * Math.log(p / Math.max(cand[i].get(t) ?? 0, 1e-30));
    }
    for (const [t, p] of cand[i]) if (p > bestCp) { bestCp = p; bestC = t; }
    kl += Math.max(0, k);
    agree += bestR === bestC ? 1 : 0;
}
process.stdout.write(JSON.stringify({ kld_mean: kl / n, top1_agreement: agree / n, positions: n }) + "\n");
await llama.dispose();
