#include "tests/support/fixtures.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QtGlobal>

#include <random>

namespace qs::test {

QString modelsDir()
{
    const QByteArray env = qgetenv("QS_MODELS_DIR");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(QS_DEFAULT_MODELS_DIR) : QString::fromLocal8Bit(env));
}

QString fixture(const QString& relative)
{
    const QString p = modelsDir() + QLatin1Char('/') + relative;
    if (!QFileInfo::exists(p))
        qFatal("test fixture missing: %s (set QS_MODELS_DIR to the folder holding stories260K/)", qPrintable(p));
    return p;
}

QString ggmlBaseLib()
{
    const QByteArray env = qgetenv("QS_GGML_LIB");
    const QString p = env.isEmpty() ? QStringLiteral(QS_DEFAULT_GGML_LIB) : QString::fromLocal8Bit(env);
    if (!QFileInfo::exists(p))
        qFatal("llama.cpp's libggml-base.so is missing: %s (run scripts/setup.sh)", qPrintable(p));
    return p;
}

QString interopDir() { return QStringLiteral(QS_INTEROP_DIR); }

QString cliPath() { return QStringLiteral(QS_CLI_PATH); }

int runCli(const QStringList& args, QByteArray* out, QByteArray* err, int timeoutMs)
{
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

std::vector<float> gaussian(int64_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.0f, 0.05f);
    std::vector<float> v(static_cast<size_t>(n));
    for (auto& x : v)
        x = d(rng);
    return v;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

void useEmptySettings(const QString& name)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTest"));
    QCoreApplication::setApplicationName(name);
    QSettings().clear();
}

}  // namespace qs::test
