// The main window's model-accuracy parts: Analysis > Evaluate Model Accuracy, Evaluate on Text
// File… and Use Importance Matrix (also on the "Accuracy" tool bar). A Run then also runs the
// model (ui/engine.h runCompare through core/eval_setup.h, as quantscope-cli compare --eval does)
// and the trade-off table fills its KL / top-1 / perplexity columns.
#include "ui/main_window.h"

#include "core/model/model.h"
#include "ui/precision_bar.h"

#include <QAction>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

namespace qs::ui {

void MainWindow::createEvaluationUi()
{
    evalAct_ = new QAction(this);
    evalAct_->setObjectName(QStringLiteral("actionEvaluate"));
    evalAct_->setCheckable(true);
    evalAct_->setEnabled(false);
    imatrixAct_ = new QAction(this);
    imatrixAct_->setObjectName(QStringLiteral("actionImatrix"));
    imatrixAct_->setCheckable(true);
    imatrixAct_->setEnabled(false);
    auto rerun = [this] {
        updateEvaluationActions();
        // Columns appear (or go) with the next Run; redo the last one right away.
        if (lastRun_ && !runWatch_.isRunning() && model_)
            run();
    };
    connect(evalAct_, &QAction::toggled, this, rerun);
    connect(imatrixAct_, &QAction::toggled, this, [this, rerun] {
        if (evalAct_->isChecked())
            rerun();
    });
    textAct_ = new QAction(this);
    textAct_->setObjectName(QStringLiteral("actionEvaluateText"));
    textAct_->setCheckable(true);
    textAct_->setEnabled(false);
    connect(textAct_, &QAction::triggered, this, [this, rerun](bool on) {
        QString path;
        if (on) {
            std::swap(path, nextTextFile_);
            if (path.isEmpty())
                path = QFileDialog::getOpenFileName(this, tr("Evaluate on Text File"), QString(),
                                                    tr("Text files (*.txt);;All files (*)"));
            if (path.isEmpty()) {
                textAct_->setChecked(false);
                return;
            }
        }
        evalStream_.textFile = path.toStdString();
        if (on && !evalAct_->isChecked())
            evalAct_->setChecked(true);  // runs
        else
            rerun();
    });

    // Worker progress is throttled by QFuture (and an evaluation stage reports only at its end):
    // refresh the bar from the future's current value while a Run goes.
    auto* tick = new QTimer(this);
    tick->setInterval(250);
    connect(tick, &QTimer::timeout, this, &MainWindow::updateProgress);
    connect(&runWatch_, &QFutureWatcherBase::started, tick, qOverload<>(&QTimer::start));
    connect(&runWatch_, &QFutureWatcherBase::finished, tick, &QTimer::stop);

    analysisMenu_->addSeparator();
    analysisMenu_->addAction(evalAct_);
    analysisMenu_->addAction(textAct_);
    analysisMenu_->addAction(imatrixAct_);

    evalBar_ = new QToolBar(this);
    evalBar_->setObjectName(QStringLiteral("accuracyToolBar"));
    evalBar_->addAction(evalAct_);
    evalBar_->addAction(imatrixAct_);
    addToolBar(Qt::TopToolBarArea, evalBar_);
    viewMenu_->addAction(evalBar_->toggleViewAction());
    retranslateEvaluationUi();
}

void MainWindow::retranslateEvaluationUi()
{
    if (!evalAct_)
        return;
    evalBar_->setWindowTitle(tr("Accuracy"));
    evalAct_->setText(tr("Evaluate Model &Accuracy"));
    evalAct_->setIconText(tr("Evaluate accuracy"));
    const QString evalTip =
        tr("Run also runs the model: on %1 tokens sampled from the original model (seed %2, as "
           "quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token "
           "distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a "
           "llama-shaped model.")
            .arg(evalStream_.sample)
            .arg(evalStream_.seed);
    const QString textTip =
        tr("Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in "
           "windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL "
           "divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.")
            .arg(QString::fromStdString(evalStream_.textFile));
    evalAct_->setToolTip(evalStream_.textFile.empty() ? evalTip : textTip);
    evalAct_->setStatusTip(evalAct_->toolTip());
    textAct_->setText(tr("Evaluate on &Text File…"));
    textAct_->setToolTip(tr("Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's "
                            "own tokenizer, windows of the context length, the second half of each scored (as "
                            "llama-perplexity). Uncheck to evaluate on sampled tokens again."));
    textAct_->setStatusTip(textAct_->toolTip());
    imatrixAct_->setText(tr("Use &Importance Matrix"));
    imatrixAct_->setIconText(tr("+ imatrix"));
    const QString imTip =
        tr("Also quantize every precision with an importance matrix (mean squared activations over %1 tokens "
           "sampled with seed %2, a different stream from the evaluation one) and show it as a second row "
           "“<type> + imatrix”")
            .arg(evalStream_.calibSample)
            .arg(evalStream_.calibSeed);
    imatrixAct_->setToolTip(imTip);
    imatrixAct_->setStatusTip(imTip);
    if (model_ && !modelEvaluable_) {
        evalAct_->setToolTip(tr("Not a llama-shaped model: its accuracy cannot be measured"));
        evalAct_->setStatusTip(evalAct_->toolTip());
    }
}

void MainWindow::updateEvaluationActions()
{
    modelEvaluable_ = model_ && engine::canEvaluate(*model_);
    evalAct_->setEnabled(modelEvaluable_);
    imatrixAct_->setEnabled(modelEvaluable_ && evalAct_->isChecked());
    textAct_->setEnabled(modelEvaluable_);
    textAct_->setChecked(!evalStream_.textFile.empty());
    retranslateEvaluationUi();
}

engine::EvalRequest MainWindow::evaluationRequest() const
{
    engine::EvalRequest r;
    r.enabled = modelEvaluable_ && evalAct_->isChecked();
    r.stream = evalStream_;
    r.stream.imatrix = r.enabled && imatrixAct_->isChecked();
    return r;
}

}  // namespace qs::ui
