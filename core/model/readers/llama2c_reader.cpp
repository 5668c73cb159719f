// llama2.c legacy checkpoints: a 7 x int32 header, then float32 weights in llama2.c's order.
// There is no magic: a file is taken for one when its header is plausible and the file size is
// exactly what the header implies. Tensors are zero-copy slices named as llama.cpp names them.
#include "core/model/readers/byte_cursor.h"
#include "core/model/readers/readers.h"

#include <array>

namespace qs {
namespace {

struct Header {
    int32_t dim, hidden, layers, heads, kvHeads, vocab, seqLen;
};

constexpr uint64_t kHeaderBytes = 7 * 4;

uint64_t mulChecked(const std::string& path, std::initializer_list<uint64_t> xs)
{
    uint64_t r = 1;
    for (uint64_t x : xs)
        if (__builtin_mul_overflow(r, x, &r))
            invalidInput(path, "llama2.c header: tensor sizes overflow 64 bits");
    return r;
}

}  // namespace

std::unique_ptr<Model> openLlama2c(ByteSource src)
{
    const std::string& path = src.path;
    ByteCursor c(path, src.bytes);
    if (c.size() < kHeaderBytes)
        c.fail("not a llama2.c checkpoint: " + std::to_string(c.size()) + " bytes, shorter than its 28-byte header");
    Header h{};
    h.dim = c.read<int32_t>("dim");
    h.hidden = c.read<int32_t>("hidden_dim");
    h.layers = c.read<int32_t>("n_layers");
    h.heads = c.read<int32_t>("n_heads");
    h.kvHeads = c.read<int32_t>("n_kv_heads");
    h.vocab = c.read<int32_t>("vocab_size");
    h.seqLen = c.read<int32_t>("seq_len");

    const std::array<std::pair<const char*, int32_t>, 7> fields{{{"dim", h.dim},
                                                                 {"hidden_dim", h.hidden},
                                                                 {"n_layers", h.layers},
                                                                 {"n_heads", h.heads},
                                                                 {"n_kv_heads", h.kvHeads},
                                                                 {"vocab_size", h.vocab},
                                                                 {"seq_len", h.seqLen}}};
    for (const auto& [name, v] : fields) {
        const bool ok = std::string_view(name) == "vocab_size" ? v != 0 && v != INT32_MIN : v > 0;
        if (!ok)
            c.fail("not a llama2.c checkpoint: header " + std::string(name) + " = " + std::to_string(v));
    }
    const bool shared = h.vocab > 0;
    const uint64_t vocab = uint64_t(shared ? h.vocab : -int64_t(h.vocab));
    if (h.heads > h.dim || h.dim % h.heads != 0)
        c.fail("not a llama2.c checkpoint: dim " + std::to_string(h.dim) + " is not a multiple of n_heads " +
               std::to_string(h.heads));
    if (h.kvHeads > h.heads || h.heads % h.kvHeads != 0)
        c.fail("not a llama2.c checkpoint: n_heads " + std::to_string(h.heads) + " is not a multiple of n_kv_heads " +
               std::to_string(h.kvHeads));
    const uint64_t dim = uint64_t(h.dim), hidden = uint64_t(h.hidden), L = uint64_t(h.layers);
    const uint64_t headSize = dim / uint64_t(h.heads);
    const uint64_t kvDim = headSize * uint64_t(h.kvHeads);
    if (headSize % 2 != 0)
        c.fail("not a llama2.c checkpoint: head size " + std::to_string(headSize) + " is odd");

    // Float counts of each block, in file order.
    struct Block {
        const char* what;
        uint64_t floats;
    };
    const std::array<Block, 14> blocks{{
        {"token_embedding_table", mulChecked(path, {vocab, dim})},
        {"rms_att_weight", mulChecked(path, {L, dim})},
        {"wq", mulChecked(path, {L, dim, dim})},
        {"wk", mulChecked(path, {L, kvDim, dim})},
        {"wv", mulChecked(path, {L, kvDim, dim})},
        {"wo", mulChecked(path, {L, dim, dim})},
        {"rms_ffn_weight", mulChecked(path, {L, dim})},
        {"w1", mulChecked(path, {L, hidden, dim})},
        {"w2", mulChecked(path, {L, dim, hidden})},
        {"w3", mulChecked(path, {L, hidden, dim})},
        {"rms_final_weight", dim},
        {"freq_cis_real", mulChecked(path, {uint64_t(h.seqLen), headSize / 2})},
        {"freq_cis_imag", mulChecked(path, {uint64_t(h.seqLen), headSize / 2})},
        {"wcls", shared ? 0 : mulChecked(path, {vocab, dim})},
    }};
    std::array<uint64_t, 14> start{};
    uint64_t total = kHeaderBytes;
    for (size_t b = 0; b < blocks.size(); ++b) {
        start[b] = total;
        uint64_t bytes = 0;
        if (__builtin_mul_overflow(blocks[b].floats, uint64_t(4), &bytes) || __builtin_add_overflow(total, bytes, &total))
            c.fail("llama2.c header: tensor sizes overflow 64 bits");
    }
    if (total != c.size())
        c.fail("not a llama2.c checkpoint (or truncated): its header (dim " + std::to_string(h.dim) + ", hidden " +
               std::to_string(h.hidden) + ", layers " + std::to_string(h.layers) + ", vocab " + std::to_string(h.vocab) +
               ") implies " + std::to_string(total) + " bytes, the file has " + std::to_string(c.size()));

    auto m = std::make_unique<MappedModel>();
    m->path = path;
    m->format = "llama2c";
    m->architecture = "llama";

    auto add = [&](std::string name, std::vector<int64_t> shape, uint64_t offset) {
        TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.dtype = "F32";
        t.type = GgmlType::F32;
        t.offset = offset;
        t.nbytes = uint64_t(t.numel()) * 4;
        m->tensors.push_back(std::move(t));
    };
    const int64_t D = h.dim, H = h.hidden, KV = int64_t(kvDim), V = int64_t(vocab);
    add("token_embd.weight", {V, D}, start[0]);
    for (uint64_t l = 0; l < L; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        add(p + "attn_norm.weight", {D}, start[1] + 4 * l * dim);
        add(p + "attn_q.weight", {D, D}, start[2] + 4 * l * dim * dim);
        add(p + "attn_k.weight", {KV, D}, start[3] + 4 * l * kvDim * dim);
        add(p + "attn_v.weight", {KV, D}, start[4] + 4 * l * kvDim * dim);
        add(p + "attn_output.weight", {D, D}, start[5] + 4 * l * dim * dim);
        add(p + "ffn_norm.weight", {D}, start[6] + 4 * l * dim);
        add(p + "ffn_gate.weight", {H, D}, start[7] + 4 * l * hidden * dim);
        add(p + "ffn_down.weight", {D, H}, start[8] + 4 * l * dim * hidden);
        add(p + "ffn_up.weight", {H, D}, start[9] + 4 * l * hidden * dim);
    }
    add("output_norm.weight", {D}, start[10]);
    if (!shared)
        add("output.weight", {V, D}, start[13]);

    // The hyper-parameters as a GGUF of this model would carry them.
    auto u32 = [&](const char* key, int64_t v) { m->metadata.push_back({key, MetaValue::ofU32(uint32_t(v))}); };
    m->metadata.push_back({"general.architecture", MetaValue::ofString("llama")});
    m->metadata.push_back({"general.file_type", MetaValue::ofU32(0)});  // all F32
    u32("llama.context_length", h.seqLen);
    u32("llama.embedding_length", D);
    u32("llama.feed_forward_length", H);
    u32("llama.block_count", h.layers);
    u32("llama.attention.head_count", h.heads);
    u32("llama.attention.head_count_kv", h.kvHeads);
    u32("llama.rope.dimension_count", int64_t(headSize));
    m->metadata.push_back({"llama.rope.freq_base", MetaValue::ofF32(10000.0f)});
    m->metadata.push_back({"llama.attention.layer_norm_rms_epsilon", MetaValue::ofF32(1e-5f)});
    u32("llama.vocab_size", V);
    m->files.push_back(std::move(src));
    return m;
}

}  // namespace qs
