// The two ways words become tokens.
//   BPE by merge rank (Hugging Face BPE; llama.cpp's "gpt2"): start from the word's characters
//     (unknown ones as <0xXX> byte tokens when the model falls back to bytes), then repeatedly
//     apply the lowest-ranked merge present, leftmost first.
//   SentencePiece by score (llama.cpp's "llama"): start from the characters, repeatedly join the
//     adjacent pair whose concatenation is the token with the highest score, leftmost first; a
//     character that never became a token is written as its byte tokens.
#include "core/tokenizer/tokenizer_internal.h"

#include <queue>

namespace qs::tok {

namespace {

uint64_t pairKey(int32_t a, int32_t b) { return (uint64_t(uint32_t(a)) << 32) | uint32_t(b); }

struct Symbol {
    int32_t id;
    int32_t prev;
    int32_t next;
};

struct Candidate {
    int32_t rank;
    int32_t pos;
    int32_t left;    // ids the pair had when queued (stale entries are skipped)
    int32_t right;
    int32_t result;
    bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
};

}  // namespace

void bpeEncode(const Data& d, std::string_view word, std::vector<int32_t>& out)
{
    if (word.empty())
        return;
    if (d.ignoreMerges)
        if (const int32_t id = d.find(word); id >= 0) {
            out.push_back(id);
            return;
        }
    std::vector<Symbol> sym;
    sym.reserve(word.size());
    auto push = [&](int32_t id) {
        const int32_t n = int32_t(sym.size());
        sym.push_back({id, n - 1, -1});
        if (n > 0)
            sym[size_t(n - 1)].next = n;
    };
    bool lastUnk = false;
    for (size_t i = 0; i < word.size();) {
        const size_t n = std::min(utf8Len(static_cast<unsigned char>(word[i])), word.size() - i);
        const std::string_view ch = word.substr(i, n);
        i += n;
        if (const int32_t id = d.find(ch); id >= 0) {
            push(id);
            lastUnk = false;
            continue;
        }
        if (d.byteFallback) {
            bool all = true;
            for (unsigned char b : ch)
                all = all && d.byteTokens[b] >= 0;
            if (all) {
                for (unsigned char b : ch)
                    push(d.byteTokens[b]);
                lastUnk = false;
                continue;
            }
        }
        if (d.unk >= 0 && !(d.fuseUnk && lastUnk)) {
            push(d.unk);
            lastUnk = true;
        }
    }

    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto consider = [&](int32_t pos) {
        if (pos < 0 || sym[size_t(pos)].next < 0)
            return;
        const Symbol& a = sym[size_t(pos)];
        const Symbol& b = sym[size_t(a.next)];
        const auto it = d.merges.find(pairKey(a.id, b.id));
        if (it != d.merges.end())
            queue.push({it->second.rank, pos, a.id, b.id, it->second.result});
    };
    for (int32_t p = 0; p + 1 < int32_t(sym.size()); ++p)
        consider(p);
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& a = sym[size_t(c.pos)];
        if (a.id != c.left || a.next < 0 || sym[size_t(a.next)].id != c.right)
            continue;
        const int32_t gone = a.next;
        a.id = c.result;
        a.next = sym[size_t(gone)].next;
        if (a.next >= 0)
            sym[size_t(a.next)].prev = c.pos;
        sym[size_t(gone)].id = -2;  // removed
        consider(a.prev);
        consider(c.pos);
    }
    for (int32_t p = sym.empty() ? -1 : 0; p >= 0; p = sym[size_t(p)].next)
        out.push_back(sym[size_t(p)].id);
}

namespace {

struct Piece {
    size_t start;
    size_t len;  // 0: joined into the piece before it
    int32_t prev;
    int32_t next;
};

struct Bigram {
    float score;
    int32_t left;
    int32_t right;
    size_t size;
};

struct BigramOrder {
    bool operator()(const Bigram& l, const Bigram& r) const
    {
        return l.score < r.score || (l.score == r.score && l.left > r.left);
    }
};

}  // namespace

void spmEncode(const Data& d, std::string_view text, std::vector<int32_t>& out)
{
    std::vector<Piece> pcs;
    pcs.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t n = std::min(utf8Len(static_cast<unsigned char>(text[i])), text.size() - i);
        const int32_t k = int32_t(pcs.size());
        pcs.push_back({i, n, k - 1, i + n == text.size() ? -1 : k + 1});
        i += n;
    }
    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue;
    auto tryAdd = [&](int32_t l, int32_t r) {
        if (l < 0 || r < 0)
            return;
        const std::string_view joined = text.substr(pcs[size_t(l)].start, pcs[size_t(l)].len + pcs[size_t(r)].len);
        const int32_t id = d.find(joined);
        if (id < 0)
            return;
        queue.push({d.scores[size_t(id)], l, r, joined.size()});
    };
    for (int32_t i = 1; i < int32_t(pcs.size()); ++i)
        tryAdd(i - 1, i);
    while (!queue.empty()) {
        const Bigram b = queue.top();
        queue.pop();
        Piece& l = pcs[size_t(b.left)];
        Piece& r = pcs[size_t(b.right)];
        if (l.len == 0 || r.len == 0 || l.len + r.len != b.size)
            continue;
        l.len += r.len;
        r.len = 0;
        l.next = r.next;
        if (r.next >= 0)
            pcs[size_t(r.next)].prev = b.left;
        tryAdd(l.prev, b.left);
        tryAdd(b.left, l.next);
    }
    for (int32_t i = pcs.empty() ? -1 : 0; i >= 0; i = pcs[size_t(i)].next) {
        const std::string_view piece = text.substr(pcs[size_t(i)].start, pcs[size_t(i)].len);
        if (const int32_t id = d.find(piece); id >= 0) {
            out.push_back(id);
            continue;
        }
        for (unsigned char b : piece) {
            const int32_t id = d.byteTokens[b] >= 0 ? d.byteTokens[b] : d.unk;
            if (id >= 0)
                out.push_back(id);
        }
    }
}

}  // namespace qs::tok
