#pragma once
// Tensor names: the one place that reads a layer number out of a tensor's name (the plan's
// preset rules, the exporter's block count, the browser's layer groups and the per-layer plot
// all ask here).
#include <string_view>

namespace qs {

// The layer of a tensor: N of "blk.N." (llama.cpp), "model.layers.N." (Hugging Face),
// "layers.N." or "transformer.h.N."; -1 for other names and for numbers of 2^30 or more.
// Leading zeros are allowed ("blk.07." is layer 7).
int layerNumber(std::string_view name);

}  // namespace qs
