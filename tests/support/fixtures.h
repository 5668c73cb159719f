#pragma once
// Where the tests find the test models: $QS_MODELS_DIR, else the folder CMake was told
// (default tests/data in the repo). Missing fixtures fail the test loudly.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace qs::test {

QString modelsDir();
// Path of a fixture file below modelsDir(); QFAIL-style abort (qFatal) if it is missing.
QString fixture(const QString& relative);
// The stories260K folder.
inline QString stories(const QString& file) { return fixture(QStringLiteral("stories260K/") + file); }

// llama.cpp's libggml-base.so from the pinned node-llama-cpp ($QS_GGML_LIB overrides);
// qFatal if missing. And the folder holding tests/interop (node scripts, node_modules).
QString ggmlBaseLib();
QString interopDir();

// Path of the built quantscope-cli.
QString cliPath();
// Runs quantscope-cli with args; returns exit code, fills stdout/stderr.
int runCli(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr, int timeoutMs = 300000);

// Settings of a test run: QStandardPaths' test mode, application `name` of organization
// "QuantScopeTest", and whatever an earlier run saved there cleared.
void useEmptySettings(const QString& name);

// Writes bytes to path (qFatal, naming the file, if it cannot).
void writeFile(const QString& path, const QByteArray& bytes);

// n weight-like values: normal, mean 0, standard deviation 0.05, from `seed`.
std::vector<float> gaussian(int64_t n, unsigned seed);

}  // namespace qs::test
