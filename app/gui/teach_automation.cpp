#include "app/gui/teach_automation.h"

#include "core/util/error.h"
#include "core/model/model.h"
#include "ui/block_inspector.h"
#include "ui/language.h"
#include "ui/primer.h"

#include <QApplication>
#include <QEventLoop>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QImage>
#include <QTextStream>

#include <cstdio>

namespace qs::ui {

void addTeachOptions(QCommandLineParser& p)
{
    QCommandLineOption shot(QStringLiteral("inspector-screenshot"), QString(), QStringLiteral("png"));
    QCommandLineOption prec(QStringLiteral("inspector-precision"), QString(), QStringLiteral("format"),
                            QStringLiteral("Q4_0"));
    QCommandLineOption tensor(QStringLiteral("inspector-tensor"), QString(), QStringLiteral("name"));
    QCommandLineOption row(QStringLiteral("inspector-row"), QString(), QStringLiteral("n"), QStringLiteral("0"));
    QCommandLineOption block(QStringLiteral("inspector-block"), QString(), QStringLiteral("n"), QStringLiteral("0"));
    QCommandLineOption primer(QStringLiteral("primer-screenshot"), QString(), QStringLiteral("png"));
    for (QCommandLineOption* o : {&shot, &prec, &tensor, &row, &block, &primer}) {
        o->setFlags(QCommandLineOption::HiddenFromHelp);
        p.addOption(*o);
    }
}

int runTeachAutomation(const QCommandLineParser& p, const QString& modelPath)
{
    const QString out = p.value(QStringLiteral("inspector-screenshot"));
    const QString primerOut = p.value(QStringLiteral("primer-screenshot"));
    if (out.isEmpty() && primerOut.isEmpty())
        return -1;
    auto fail = [](const QString& msg) {
        std::fprintf(stderr, "quantscope: %s\n", qPrintable(msg));
        return 1;
    };
    if (modelPath.isEmpty())
        return fail(QStringLiteral("--inspector-screenshot needs a model"));
    std::shared_ptr<const qs::Model> model;
    try {
        model = qs::openModel(modelPath.toStdString());
    } catch (const qs::Error& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    if (!primerOut.isEmpty()) {
        Primer pr;
        pr.resize(820, 1400);
        pr.setModel(model, QFileInfo(modelPath).fileName());
        pr.show();
        QApplication::processEvents();
        const QImage img = pr.grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::AvoidDither);
        if (!img.save(primerOut))
            return fail(QStringLiteral("cannot write %1").arg(primerOut));
        if (out.isEmpty())
            return 0;
    }
    BlockInspector w;
    w.setWindowTitle(QStringLiteral("QuantScope"));
    w.resize(1440, 820);
    w.setModel(model);
    const QString tensor = p.value(QStringLiteral("inspector-tensor"));
    if (!tensor.isEmpty() && !w.selectTensor(tensor))
        return fail(QStringLiteral("no tensor %1 to inspect").arg(tensor));
    if (w.isLoading()) {  // a large tensor is read on a worker
        QEventLoop loop;
        QObject::connect(&w, &BlockInspector::tensorLoaded, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!w.setPrecision(p.value(QStringLiteral("inspector-precision"))))
        return fail(QStringLiteral("unknown precision %1").arg(p.value(QStringLiteral("inspector-precision"))));
    w.selectBlock(p.value(QStringLiteral("inspector-row")).toLongLong(), p.value(QStringLiteral("inspector-block")).toLongLong());
    w.show();
    QApplication::processEvents();
    if (!w.inspection())
        return fail(QStringLiteral("nothing to inspect: %1").arg(w.infoText()));
    // 256 colours keep the committed PNGs small.
    const QImage img = w.grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::AvoidDither);
    if (!img.save(out))
        return fail(QStringLiteral("cannot write %1").arg(out));
    return 0;
}

}  // namespace qs::ui
