#pragma once
// What the architecture descriptions (architectures.cpp) share with the machinery that reads
// them (architecture.cpp). Not a public interface.
#include "core/model/architecture.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

namespace qs {

// config.json (or its text_config) with one-line errors naming the file.
struct ConfigReader {
    ConfigReader(const QJsonObject& o, std::string path, std::string modelType);
    QJsonObject obj;
    std::string file;  // the config.json path
    std::string type;  // its model_type

    bool has(const char* key) const;  // present and not null
    QJsonValue value(const char* key) const;
    int need(const char* key) const;  // a positive integer, or an error naming the key
    std::optional<int> optInt(const char* key) const;
    std::optional<double> optNumber(const char* key) const;
    std::optional<std::string> optString(const char* key) const;
    [[noreturn]] void fail(const std::string& what) const;
};

// Layer l slides iff l % period < period - 1 (llama.cpp's set_swa_pattern: every period-th
// layer, counting from 1, has full attention). period 0: none slides.
std::vector<uint8_t> periodicSlidingLayers(int nLayers, int period);
// The sliding layers config.json describes: "layer_types", else "sliding_window_pattern"
// (default `defaultPeriod`).
std::vector<uint8_t> hfSlidingLayers(const ConfigReader& r, int nLayers, int defaultPeriod);
// The value of "<arch>.<suffix>" in a GGUF, or null.
const MetaValue* ggufKey(const Model& m, const ModelConfig& c, const char* suffix);

}  // namespace qs
