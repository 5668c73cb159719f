// Perplexity of a text under a GGUF the way llama-perplexity computes it, with llama.cpp
// (node-llama-cpp) doing the tokenizing and the evaluation:
//   tokens = the text tokenized by the model's tokenizer, with BOS first if the model adds it;
//   chunks of exactly CTX tokens (a shorter rest is dropped), each evaluated from an empty
//   context with its first token replaced by BOS when the model adds it; the second half of
//   each chunk scored: -ln p(token j+1 | tokens 0..j) for j = CTX/2 .. CTX-2.
//
// Usage: node llama_perplexity.mjs MODEL.gguf TEXT_FILE --ctx CTX
// Prints {"ppl": e^(nll/count), "nll": sum, "count": scored, "tokens": n, "chunks": c} on stdout.
// Exit code 2 on bad arguments, 1 if llama.cpp fails.
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

function usage(msg) {
    process.stderr.write(`llama_perplexity.mjs: ${msg}\nusage: node llama_perplexity.mjs MODEL.gguf TEXT_FILE --ctx CTX\n`);
    process.exit(2);
}

const args = process.argv.slice(2);
let ctx = 0;
const pos = [];
for (let i = 0; i < args.length; ++i) {
    if (args[i] === "--ctx") ctx = Number(args[++i]);
    else pos.push(args[i]);
}
if (pos.length !== 2) usage("expected MODEL.gguf and TEXT_FILE");
if (!Number.isInteger(ctx) || ctx < 4) usage("--ctx needs an integer of at least 4");
const [modelPath, textFile] = pos;

try {
    const text = readFileSync(textFile, "utf8");
    const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    const addBos = model.tokens.shouldPrependBosToken;
    const bos = model.tokens.bos;
    const tokens = Array.from(model.tokenize(text, false));
    if (addBos) tokens.unshift(bos);
    const chunks = Math.floor(tokens.length / ctx);
    if (chunks < 1) throw new Error(`the text is ${tokens.length} tokens, fewer than one chunk of ${ctx}`);
    const context = await model.createContext({ contextSize: Math.max(64, ctx + 8), batchSize: ctx + 8, threads: 1 });
    const sequence = context.getSequence();
    const options = { temperature: 1, topK: 0, topP: 1, minP: 0, seed: 1 };
    const first = Math.floor(ctx / 2);
    let nll = 0;
    let count = 0;
    for (let c = 0; c < chunks; ++c) {
        const chunk = tokens.slice(c * ctx, (c + 1) * ctx);
        if (addBos) chunk[0] = bos;
        await sequence.clearHistory();
        // The first half as context, then one token at a time with the distribution after it
        // (one full distribution in memory at a time).
        await sequence.controlledEvaluate(chunk.slice(0, first));
        for (let j = first; j <= ctx - 2; ++j) {
            const [result] = await sequence.controlledEvaluate([[chunk[j], { generateNext: { probabilities: true, options } }]]);
            const probs = result?.next?.probabilities;
            if (!probs) throw new Error(`no distribution at chunk ${c} position ${j}`);
            const p = probs.get(chunk[j + 1]) ?? 0;
            nll -= p > 0 ? Math.log(p) : -1e30;
            ++count;
        }
    }
    process.stdout.write(JSON.stringify({ ppl: Math.exp(nll / count), nll, count, tokens: tokens.length, chunks }) + "\n");
    await context.dispose();
    await model.dispose();
    await llama.dispose();
} catch (e) {
    process.stderr.write(`llama_perplexity.mjs: ${modelPath}: ${e?.message ?? e}\n`);
    process.exit(1);
}
