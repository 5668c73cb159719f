// Token ids of a text as llama.cpp (through node-llama-cpp) tokenizes it with a GGUF's own
// tokenizer: llama_tokenize without BOS/EOS (add_special false), then the model's BOS rule.
//
// Usage: node llama_tokenize.mjs MODEL.gguf TEXT_FILE [--parse-special]
//   --parse-special: control tokens written in the text become those tokens
// Prints {"tokens": [...], "bos": id | null, "add_bos": bool} on stdout.
// Exit code 2 on bad arguments, 1 if llama.cpp fails to load the model.
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const args = process.argv.slice(2);
const parseSpecial = args.includes("--parse-special");
const pos = args.filter((a) => !a.startsWith("--"));
if (pos.length !== 2) {
    process.stderr.write("usage: node llama_tokenize.mjs MODEL.gguf TEXT_FILE [--parse-special]\n");
    process.exit(2);
}
const [modelPath, textFile] = pos;
try {
    const text = readFileSync(textFile, "utf8");
    const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0, vocabOnly: true });
    const tokens = Array.from(model.tokenize(text, parseSpecial));
    const bos = model.tokens.bos ?? null;
    const addBos = model.tokens.shouldPrependBosToken;
    process.stdout.write(JSON.stringify({ tokens, bos, add_bos: addBos }) + "\n");
    await model.dispose();
    await llama.dispose();
} catch (e) {
    process.stderr.write(`llama_tokenize.mjs: ${modelPath}: ${e?.message ?? e}\n`);
    process.exit(1);
}
