#pragma once
// Qt's JSON parser keeps the last of two equal keys in an object without a word; for the
// headers a model is read from, two entries for one name are ambiguous and are refused.
#include <optional>
#include <string>
#include <string_view>

namespace qs {

// The first key that appears twice in one object anywhere in `json` (decoded, UTF-8), or nullopt.
// `json` must already be valid JSON (parse it with QJsonDocument first); runs in linear time.
std::optional<std::string> findDuplicateJsonKey(std::string_view json);

}  // namespace qs
