// The main window's model-accuracy and speed parts: Analysis > Evaluate Model Accuracy, Evaluate on
// Text File…, Use Importance Matrix, Measure Speed and Activations (also on the "Accuracy" tool
// bar). A Run then also runs the model (ui/engine.h runCompare through core/eval_setup.h, as
// quantscope-cli compare --eval does, and ui/speed_engine.h, as bench-model does) and the
// trade-off table fills its KL / top-1 / perplexity and tokens/s columns.
#include "ui/main_window.h"

#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "core/util/parallel.h"
#include "ui/precision_bar.h"
#include "ui/sensitivity_controller.h"

#include <algorithm>

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QThread>
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
        // Columns appear (or go) with the next Run; redo the last one right away (a Run going is
        // replaced, so a toggle made during it is not lost).
        if (model_ && (lastRun_ || runWatch_.isRunning()))
            run();
    };
    efAct_ = new QAction(this);
    efAct_->setObjectName(QStringLiteral("actionErrorFeedback"));
    efAct_->setCheckable(true);
    efAct_->setEnabled(false);
    connect(evalAct_, &QAction::toggled, this, rerun);
    for (QAction* a : {imatrixAct_, efAct_})
        connect(a, &QAction::toggled, this, [this, rerun] {
            if (evalAct_->isChecked())
                rerun();
        });
    speedAct_ = new QAction(this);
    speedAct_->setObjectName(QStringLiteral("actionMeasureSpeed"));
    speedAct_->setCheckable(true);
    speedAct_->setEnabled(false);
    connect(speedAct_, &QAction::toggled, this, rerun);
    // Activations: a menu of two exclusive actions and a combo on the tool bar, one setting.
    auto* group = new QActionGroup(this);
    llamaActAct_ = new QAction(group);
    llamaActAct_->setObjectName(QStringLiteral("actionActivationsLlama"));
    floatActAct_ = new QAction(group);
    floatActAct_->setObjectName(QStringLiteral("actionActivationsFloat"));
    for (QAction* a : {llamaActAct_, floatActAct_})
        a->setCheckable(true);
    llamaActAct_->setChecked(true);
    connect(llamaActAct_, &QAction::triggered, this, [this] { setActivationMode(ActMode::Llama); });
    connect(floatActAct_, &QAction::triggered, this, [this] { setActivationMode(ActMode::Float); });
    activationsCombo_ = new QComboBox(this);
    activationsCombo_->setObjectName(QStringLiteral("activationsCombo"));
    activationsCombo_->addItem(QString());
    activationsCombo_->addItem(QString());
    connect(activationsCombo_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setActivationMode(i == 1 ? ActMode::Float : ActMode::Llama); });
    activationsLabel_ = new QLabel(this);
    activationsLabel_->setBuddy(activationsCombo_);
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
    analysisMenu_->addAction(efAct_);
    analysisMenu_->addAction(speedAct_);
    activationsMenu_ = analysisMenu_->addMenu(QString());
    activationsMenu_->addAction(llamaActAct_);
    activationsMenu_->addAction(floatActAct_);
    // Threads: all cores (0) or 1..the core count, one exclusive group.
    threadsMenu_ = analysisMenu_->addMenu(QString());
    threadsMenu_->setObjectName(QStringLiteral("threadsMenu"));
    threadsGroup_ = new QActionGroup(this);
    for (int n = 0; n <= std::max(1, QThread::idealThreadCount()); ++n) {
        QAction* a = threadsMenu_->addAction(QString());
        a->setCheckable(true);
        a->setData(n);
        a->setObjectName(QStringLiteral("actionThreads%1").arg(n));
        threadsGroup_->addAction(a);
        connect(a, &QAction::triggered, this, [this, n] { setThreads(n); });
        if (n == 0)
            threadsMenu_->addSeparator();
    }
    threadsGroup_->actions().constFirst()->setChecked(true);

    evalBar_ = new QToolBar(this);
    evalBar_->setObjectName(QStringLiteral("accuracyToolBar"));
    evalBar_->addAction(evalAct_);
    evalBar_->addAction(imatrixAct_);
    evalBar_->addAction(efAct_);
    evalBar_->addAction(speedAct_);
    evalBar_->addSeparator();
    evalBar_->addWidget(activationsLabel_);
    evalBar_->addWidget(activationsCombo_);
    addToolBar(Qt::TopToolBarArea, evalBar_);
    viewMenu_->addAction(evalBar_->toggleViewAction());
    retranslateEvaluationUi();
}

void MainWindow::retranslateEvaluationUi()
{
    if (!evalAct_)
        return;
    const auto setTip = [](QAction* a, const QString& tip) {
        a->setToolTip(tip);
        a->setStatusTip(tip);
    };
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
    setTip(evalAct_, evalStream_.textFile.empty() ? evalTip : textTip);
    textAct_->setText(tr("Evaluate on &Text File…"));
    setTip(textAct_, tr("Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's "
                        "own tokenizer, windows of the context length, the second half of each scored (as "
                        "llama-perplexity). Uncheck to evaluate on sampled tokens again."));
    imatrixAct_->setText(tr("Use &Importance Matrix"));
    imatrixAct_->setIconText(tr("+ imatrix"));
    const QString imTip =
        tr("Also quantize every precision with an importance matrix (mean squared activations over %1 tokens "
           "sampled with seed %2, a different stream from the evaluation one) and show it as a second row "
           "“<type> + imatrix”")
            .arg(evalStream_.calibSample)
            .arg(evalStream_.calibSeed);
    setTip(imatrixAct_, imTip);
    efAct_->setText(tr("Use Error-&Feedback Rounding"));
    efAct_->setIconText(tr("+ error feedback"));
    const QString efTip =
        tr("Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so "
           "that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes "
           "least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) "
           "and show it as a row “<type> + error feedback”. Collecting each matrix's input moments takes memory "
           "growing with the square of its width: meant for small models.")
            .arg(evalStream_.calibSample)
            .arg(evalStream_.calibSeed);
    setTip(efAct_, efTip);
    speedAct_->setText(tr("Measure S&peed"));
    speedAct_->setIconText(tr("Measure speed"));
    setTip(speedAct_,
        tr("Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: "
           "decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt "
           "tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread(s), for the "
           "opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the "
           "source's. Needs a llama-shaped model.",
           nullptr, qs::maxThreads()));
    threadsMenu_->setTitle(tr("T&hreads"));
    const QString threadsTip = tr("How many threads QuantScope computes with (quantizing, evaluating, measuring speed); "
                                  "like quantscope-cli --threads. Applies to work started afterwards.");
    for (QAction* a : threadsGroup_->actions()) {
        const int n = a->data().toInt();
        a->setText(n == 0 ? tr("&All Cores (%n)", nullptr, std::max(1, QThread::idealThreadCount()))
                          : QLocale().toString(n));
        setTip(a, threadsTip);
    }
    threadsMenu_->menuAction()->setStatusTip(threadsTip);
    activationsMenu_->setTitle(tr("Acti&vations"));
    llamaActAct_->setText(tr("&llama.cpp: Quantized Activations"));
    floatActAct_->setText(tr("&Float Activations (Weights Only)"));
    activationsLabel_->setText(tr("Activations:"));
    activationsCombo_->setItemText(0, QStringLiteral("llama.cpp"));  // a name
    activationsCombo_->setItemText(1, tr("float"));
    const QString actTip =
        tr("How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). "
           "llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or "
           "Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: "
           "activations stay float, the KL of the weights' rounding alone. Changing it clears the results "
           "measured with the other mode and redoes the last Run.");
    for (QAction* a : {llamaActAct_, floatActAct_, activationsMenu_->menuAction()})
        setTip(a, actTip);
    activationsCombo_->setToolTip(actTip);
    activationsLabel_->setToolTip(actTip);
    if (model_ && !modelEvaluable_) {
        setTip(evalAct_, tr("Not a llama-shaped model: its accuracy cannot be measured"));
        setTip(speedAct_, tr("Not a llama-shaped model: its speed cannot be measured"));
    }
}

void MainWindow::updateEvaluationActions()
{
    modelEvaluable_ = model_ && engine::canEvaluate(*model_);
    evalAct_->setEnabled(modelEvaluable_);
    imatrixAct_->setEnabled(modelEvaluable_ && evalAct_->isChecked());
    efAct_->setEnabled(modelEvaluable_ && evalAct_->isChecked());
    textAct_->setEnabled(modelEvaluable_);
    textAct_->setChecked(!evalStream_.textFile.empty());
    speedAct_->setEnabled(modelEvaluable_);
    retranslateEvaluationUi();
}

engine::EvalRequest MainWindow::evaluationRequest() const
{
    engine::EvalRequest r;
    r.enabled = modelEvaluable_ && evalAct_->isChecked();
    r.stream = evalStream_;
    r.stream.imatrix = r.enabled && imatrixAct_->isChecked();
    r.stream.errorFeedback = r.enabled && efAct_->isChecked();
    r.stream.activations = activations_;
    return r;
}

engine::SpeedRequest MainWindow::speedRequest() const
{
    engine::SpeedRequest r = speedSettings_;
    r.enabled = modelEvaluable_ && speedAct_->isChecked();
    r.mode = activations_;
    return r;
}

void MainWindow::setThreads(int n)
{
    threads_ = std::clamp(n, 0, std::max(1, QThread::idealThreadCount()));
    qs::setMaxThreads(threads_);
    for (QAction* a : threadsGroup_->actions())
        if (a->data().toInt() == threads_)
            a->setChecked(true);
    retranslateEvaluationUi();  // the speed action's tooltip names the thread count
}

void MainWindow::setActivationMode(ActMode mode)
{
    const bool changed = mode != activations_;
    activations_ = mode;
    {
        const QSignalBlocker b(activationsCombo_);
        activationsCombo_->setCurrentIndex(mode == ActMode::Float ? 1 : 0);
    }
    (mode == ActMode::Float ? floatActAct_ : llamaActAct_)->setChecked(true);
    if (sensitivityTools_)
        sensitivityTools_->setActivations(mode);
    if (!changed)
        return;
    // A Run going with the other mode, or the last one's results: redo it in this mode.
    const bool going = runWatch_.isRunning() && (evaluationRequest().enabled || speedRequest().enabled);
    const bool had = lastRun_ && (lastRun_->evaluated || lastRun_->speedMeasured);
    clearModeResults();
    if (model_ && (going || had))
        run();
}

void MainWindow::clearModeResults()
{
    if (lastRun_) {
        // The source, "+ imatrix" and "+ error feedback" rows hold nothing else: they go; the others keep their weight errors.
        RunResult& r = *lastRun_;
        for (size_t i = r.rows.size(); i-- > 0;) {
            PrecisionRow& row = r.rows[i];
            if (row.source || row.imatrix || row.errorFeedback) {
                r.rows.erase(r.rows.begin() + std::ptrdiff_t(i));
                r.perLayer.erase(r.perLayer.begin() + std::ptrdiff_t(i));
                r.errorHists.erase(r.errorHists.begin() + std::ptrdiff_t(i));
                continue;
            }
            row.evaluated = false;
            row.speedMeasured = false;
        }
        r.evaluated = r.imatrix = r.speedMeasured = false;
    }
    for (PrecisionRow& p : planRows_)
        p.evaluated = false;  // its size stays; its KL was measured in the other mode
    showResults();
}

}  // namespace qs::ui
