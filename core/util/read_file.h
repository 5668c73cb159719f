#pragma once
// Reading a small input file whole (JSON: config.json, a safetensors index, a token list) with
// the same guards as the model readers: opened without blocking, refused unless it is a regular
// file (a FIFO would hang, /dev/zero would never end), and refused above a size cap, which is
// also enforced while reading in case the file grows meanwhile.
#include <QByteArray>

#include <cstdint>
#include <string>

namespace qs {

// The whole file. Throws qs::Error(InvalidInput) naming the file ("not a regular file", "larger
// than N MB", "cannot open: ...") when it cannot or must not be read. `what` names the file's
// role in messages ("token file", "JSON file").
QByteArray readRegularFile(const std::string& path, uint64_t maxBytes, const char* what = "file");

// Throws qs::Error(InvalidInput) naming the path unless it names a regular file (following
// symlinks); checked without opening it.
void requireRegularFile(const std::string& path, const char* what = "file");

}  // namespace qs
