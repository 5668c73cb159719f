// quantscope-cli tokenize MODEL --text FILE [--json]: the token ids of a text file under the
// model's own tokenizer (GGUF metadata, or the tokenizer.json of a Hugging Face folder).
#include "app/cli/cli.h"
#include "core/model/model.h"
#include "core/tokenizer/tokenizer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace qs::cli {

namespace {

// A token's text with control characters escaped, for one line per token.
std::string printable(const std::string& piece)
{
    std::string out;
    for (const char c : piece) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

// MODEL may also be a tokenizer.json, or a folder holding one and no weights.
std::unique_ptr<Tokenizer> tokenizerFor(const QString& path)
{
    const QFileInfo fi(path);
    if (fi.isFile() && fi.fileName() == QLatin1String("tokenizer.json"))
        return Tokenizer::fromHuggingFace(path.toStdString());
    if (fi.isDir()) {
        const QDir dir(path);
        if (dir.exists(QStringLiteral("tokenizer.json")) && dir.entryList({QStringLiteral("*.safetensors")}).isEmpty())
            return Tokenizer::fromHuggingFace(dir.filePath(QStringLiteral("tokenizer.json")).toStdString());
    }
    return loadTokenizer(*openModel(path.toStdString()));
}

}  // namespace

int cmdTokenize(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption textOpt(QStringLiteral("text"), QStringLiteral("The UTF-8 text file to tokenize."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print {\"tokens\": [...]} (a --tokens file)."));
    const QCommandLineOption noSpecialOpt(QStringLiteral("no-special"),
                                          QStringLiteral("Without the BOS/EOS tokens the model adds."));
    const QCommandLineOption parseSpecialOpt(QStringLiteral("parse-special"),
                                             QStringLiteral("Control tokens written in the text (\"<|im_start|>\") become those tokens."));
    p.addOptions({textOpt, jsonOpt, noSpecialOpt, parseSpecialOpt});
    p.addPositionalArgument(QStringLiteral("MODEL"),
                            QStringLiteral("GGUF, Hugging Face folder with tokenizer.json, or a tokenizer.json."));
    if (int rc = parseArgs(p, args, "Token ids of a text file under the model's own tokenizer.", 1, 1); rc >= 0)
        return rc;
    if (!p.isSet(textOpt)) {
        printErr(QStringLiteral("--text is required (see --help)"));
        return InvalidInput;
    }
    return guarded([&] {
        const auto tok = tokenizerFor(p.positionalArguments().at(0));
        const std::string text = readTextFile(p.value(textOpt).toStdString());
        const std::vector<int32_t> ids = tok->encode(text, !p.isSet(noSpecialOpt), p.isSet(parseSpecialOpt));
        if (p.isSet(jsonOpt)) {
            QJsonArray a;
            for (int32_t id : ids)
                a.append(id);
            printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{"tokens", a}}).toJson(QJsonDocument::Compact)) +
                     QLatin1Char('\n'));
            return int(Ok);
        }
        // Built as UTF-8 and converted once (it starts with a digit, so a token "\uFEFF" survives).
        std::string out;
        for (int32_t id : ids)
            out += std::to_string(id) + "\t" + printable(tok->piece(id)) + "\n";
        out += std::to_string(ids.size()) + " tokens; tokenizer: " + tok->summary() + "\n";
        printOut(QString::fromStdString(out));
        return int(Ok);
    });
}

}  // namespace qs::cli
