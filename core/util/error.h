#pragma once
// One exception type for the engine. Every message names the file (when there is one)
// and says what is wrong, in one line, so the CLI can print it as is.
#include <stdexcept>
#include <string>

namespace qs {

enum class ErrorKind {
    InvalidInput,  // the user's input is unreadable or malformed: CLI exit code 2
    Failure,       // anything else (I/O failure while writing, out of memory, ...): exit code 1
    Cancelled,     // the user asked to stop
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

private:
    ErrorKind kind_;
};

// "FILE: what" as an InvalidInput error.
[[noreturn]] inline void invalidInput(const std::string& file, const std::string& what)
{
    throw Error(ErrorKind::InvalidInput, file.empty() ? what : file + ": " + what);
}

[[noreturn]] inline void failure(const std::string& file, const std::string& what)
{
    throw Error(ErrorKind::Failure, file.empty() ? what : file + ": " + what);
}

}  // namespace qs
