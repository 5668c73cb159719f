// Token ids of a text as llama.cpp (through node-llama-cpp) tokenizes it with each GGUF's own
// tokenizer: llama_tokenize without BOS/EOS (add_special false), then the model's BOS rule.
//
// Usage: node llama_tokenize.mjs TEXT_FILE MODEL.gguf [MODEL.gguf ...]
// Prints {"models": [{"tokens": [...], "tokens_special": [...], "bos": id | null, "add_bos": bool}, ...]}
// on stdout, one entry per model in order: "tokens" with control tokens written in the text taken
// as plain text, "tokens_special" with them parsed as those tokens (llama.cpp's parse_special).
// Exit code 2 on bad arguments, 1 if llama.cpp fails to load a model.
import { readFileSync } from "node:fs";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const args = process.argv.slice(2);
if (args.length < 2) {
    process.stderr.write("usage: node llama_tokenize.mjs TEXT_FILE MODEL.gguf [MODEL.gguf ...]\n");
    process.exit(2);
}
const [textFile, ...modelPaths] = args;
let current = textFile;
try {
    const text = readFileSync(textFile, "utf8");
    const llama = await getLlama({ gpu: false, logLevel: LlamaLogLevel.error, build: "never" });
    const models = [];
    for (const modelPath of modelPaths) {
        current = modelPath;
        const model = await llama.loadModel({ modelPath, gpuLayers: 0, vocabOnly: true });
        models.push({
            tokens: Array.from(model.tokenize(text, false)),
            tokens_special: Array.from(model.tokenize(text, true)),
            bos: model.tokens.bos ?? null,
            add_bos: model.tokens.shouldPrependBosToken,
        });
        await model.dispose();
    }
    process.stdout.write(JSON.stringify({ models }) + "\n");
    await llama.dispose();
} catch (e) {
    process.stderr.write(`llama_tokenize.mjs: ${current}: ${e?.message ?? e}\n`);
    process.exit(1);
}
