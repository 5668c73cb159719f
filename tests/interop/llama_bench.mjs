// Decode and prompt speed of llama.cpp (through node-llama-cpp) on a GGUF file, measured as
// quantscope-cli bench-model measures its own: tg = DECODE tokens generated one at a time
// (greedy) after a PROMPT-token prompt; pp = one BATCH-token batch. The token ids are the ones
// bench-model feeds ((i * 7919 + 1) mod n_vocab). Best of REPS repetitions.
//
// Usage: node llama_bench.mjs MODEL.gguf --vocab N [--threads N] [--prompt 16] [--decode 128] [--batch 512]
//        [--reps 1]
// Prints one JSON object: {"model", "threads", "tg_tokens_per_s", "pp_tokens_per_s", "decode", "batch",
// "n_vocab"}. Exit code 2 on bad arguments, 1 if llama.cpp fails.
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

function usage(msg) {
    process.stderr.write(`llama_bench.mjs: ${msg}\n` +
        "usage: node llama_bench.mjs MODEL.gguf --vocab N [--threads N] [--prompt 16] [--decode 128] [--batch 512] [--reps 1]\n");
    process.exit(2);
}

const opts = { vocab: 0, threads: 2, prompt: 16, decode: 128, batch: 512, reps: 1 };
const pos = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; ++i) {
    const key = args[i].startsWith("--") ? args[i].slice(2) : null;
    if (key === null) { pos.push(args[i]); continue; }
    if (!(key in opts)) usage(`unknown option ${args[i]}`);
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v <= 0) usage(`${args[i - 1]} needs a positive integer`);
    opts[key] = v;
}
if (pos.length !== 1) usage("expected MODEL.gguf");
if (!opts.vocab) usage("--vocab N (the model's vocabulary size) is required");
const modelPath = pos[0];

const tokenAt = (i, vocab) => Number((BigInt(i) * 7919n + 1n) % BigInt(vocab));

try {
    const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0, useMmap: true });
    const nVocab = opts.vocab;
    const contextSize = Math.max(opts.batch, opts.prompt + opts.decode) + 16;
    const context = await model.createContext({ contextSize, batchSize: opts.batch, threads: opts.threads });
    const sequence = context.getSequence();
    let tg = 0, pp = 0;
    for (let rep = 0; rep < opts.reps; ++rep) {
        // tg: a prompt (not timed), then one token at a time.
        await sequence.clearHistory();
        const prompt = Array.from({ length: opts.prompt }, (_, i) => tokenAt(i, nVocab));
        await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
        let n = 0;
        const t0 = process.hrtime.bigint();
        for await (const token of sequence.evaluate(prompt.slice(-1), { temperature: 0 })) {
            void token;
            if (++n >= opts.decode) break;
        }
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        tg = Math.max(tg, opts.decode / s);
        // pp: one batch.
        await sequence.clearHistory();
        const batch = Array.from({ length: opts.batch }, (_, i) => tokenAt(i + 1000, nVocab));
        const t1 = process.hrtime.bigint();
        await sequence.evaluateWithoutGeneratingNewTokens(batch);
        pp = Math.max(pp, opts.batch / (Number(process.hrtime.bigint() - t1) / 1e9));
    }
    process.stdout.write(JSON.stringify({
        model: modelPath, threads: opts.threads, tg_tokens_per_s: tg, pp_tokens_per_s: pp,
        decode: opts.decode, batch: opts.batch, n_vocab: nVocab,
    }) + "\n");
    await context.dispose();
    await model.dispose();
    await llama.dispose();
} catch (e) {
    process.stderr.write(`llama_bench.mjs: ${modelPath}: ${e?.message ?? e}\n`);
    process.exit(1);
}
