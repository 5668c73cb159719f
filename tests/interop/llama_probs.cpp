#include "tests/interop/llama_probs.h"

#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <cmath>

namespace qs::test {

Dists llamaCppDistributions(const QString& gguf) { return llamaCppDistributions(gguf, stories("eval-tokens.json")); }

Dists llamaCppDistributions(const QString& gguf, const QString& tokensFile)
{
    QProcess p;
    p.setWorkingDirectory(interopDir());
    p.start(QStringLiteral("node"), {interopDir() + "/llama_probs.mjs", gguf, tokensFile});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("llama_probs.mjs failed on %s: %s", qPrintable(gguf), p.readAllStandardError().constData());
    Dists out;
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    for (const QJsonValue& pos : o.value("positions").toArray()) {
        std::vector<double> d;
        for (const QJsonValue& v : pos.toObject().value("probs").toArray())
            d.push_back(v.toDouble());
        out.push_back(std::move(d));
    }
    return out;
}

double meanKl(const Dists& p, const Dists& q, double* top1)
{
    double total = 0;
    int agree = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        double kl = 0;
        for (size_t t = 0; t < p[i].size(); ++t)
            if (p[i][t] > 0)
                kl += p[i][t] * std::log(p[i][t] / std::max(q[i][t], 1e-300));
        total += kl;
        agree += std::max_element(p[i].begin(), p[i].end()) - p[i].begin() ==
                 std::max_element(q[i].begin(), q[i].end()) - q[i].begin();
    }
    if (top1)
        *top1 = double(agree) / double(p.size());
    return total / double(p.size());
}

Dists ourDistributions(const LlamaWeights& w, const std::vector<int32_t>& tokens, ActMode mode)
{
    const RowMatrix logits = llamaLogits(w, tokens, nullptr, mode);
    Dists out;
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        const float* l = logits.data() + r * logits.cols();
        double mx = -INFINITY, sum = 0;
        for (Eigen::Index j = 0; j < logits.cols(); ++j)
            mx = std::max(mx, double(l[j]));
        std::vector<double> d(static_cast<size_t>(logits.cols()));
        for (size_t j = 0; j < d.size(); ++j)
            sum += d[j] = std::exp(double(l[j]) - mx);
        for (double& v : d)
            v /= sum;
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace qs::test
