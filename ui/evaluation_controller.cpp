#include "ui/evaluation_controller.h"

#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "core/util/parallel.h"

#include <algorithm>

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QThread>
#include <QToolBar>

namespace qs::ui {

namespace {
const QString kEvaluateKey = QStringLiteral("accuracy/evaluate");
}  // namespace

EvaluationController::EvaluationController(QMainWindow* window, QMenu* analysisMenu, QMenu* viewMenu)
    : QObject(window), window_(window)
{
    evalAct_ = new QAction(this);
    evalAct_->setObjectName(QStringLiteral("actionEvaluate"));
    evalAct_->setCheckable(true);
    evalAct_->setEnabled(false);
    imatrixAct_ = new QAction(this);
    imatrixAct_->setObjectName(QStringLiteral("actionImatrix"));
    imatrixAct_->setCheckable(true);
    imatrixAct_->setEnabled(false);
    efAct_ = new QAction(this);
    efAct_->setObjectName(QStringLiteral("actionErrorFeedback"));
    efAct_->setCheckable(true);
    efAct_->setEnabled(false);
    connect(evalAct_, &QAction::toggled, this, &EvaluationController::rerun);
    for (QAction* a : {imatrixAct_, efAct_})
        connect(a, &QAction::toggled, this, [this] {
            if (evalAct_->isChecked())
                rerun();
        });
    speedAct_ = new QAction(this);
    speedAct_->setObjectName(QStringLiteral("actionMeasureSpeed"));
    speedAct_->setCheckable(true);
    speedAct_->setEnabled(false);
    connect(speedAct_, &QAction::toggled, this, &EvaluationController::rerun);
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
    activationsCombo_ = new QComboBox(window);
    activationsCombo_->setObjectName(QStringLiteral("activationsCombo"));
    activationsCombo_->addItem(QString());
    activationsCombo_->addItem(QString());
    connect(activationsCombo_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setActivationMode(i == 1 ? ActMode::Float : ActMode::Llama); });
    activationsLabel_ = new QLabel(window);
    activationsLabel_->setBuddy(activationsCombo_);
    textAct_ = new QAction(this);
    textAct_->setObjectName(QStringLiteral("actionEvaluateText"));
    textAct_->setCheckable(true);
    textAct_->setEnabled(false);
    connect(textAct_, &QAction::triggered, this, [this](bool on) {
        if (!chooseTextFile(textAct_, on, nextTextFile_, tr("Evaluate on Text File"), evalStream_.textFile))
            return;
        if (on && !evalAct_->isChecked())
            evalAct_->setChecked(true);  // runs
        else
            rerun();
    });

    calibTextAct_ = new QAction(this);
    calibTextAct_->setObjectName(QStringLiteral("actionCalibrateText"));
    calibTextAct_->setCheckable(true);
    calibTextAct_->setEnabled(false);
    connect(calibTextAct_, &QAction::triggered, this, [this](bool on) {
        if (!chooseTextFile(calibTextAct_, on, nextCalibTextFile_, tr("Calibrate on Text File"),
                            evalStream_.calibTextFile))
            return;
        retranslate();
        if (evalAct_->isChecked() && (imatrixAct_->isChecked() || efAct_->isChecked()))
            rerun();
    });

    calibTokensAct_ = new QAction(this);
    calibTokensAct_->setObjectName(QStringLiteral("actionCalibrationTokens"));
    calibTokensAct_->setEnabled(false);
    connect(calibTokensAct_, &QAction::triggered, this, [this] {
        bool ok = false;
        const int n = QInputDialog::getInt(window_, tr("Calibration Tokens"),
                                           tr("Tokens sampled for the importance matrix and error feedback:"),
                                           evalStream_.calibSample, kMinCalibrationTokens, kMaxCalibrationTokens, 1024, &ok);
        if (ok)
            setCalibrationTokens(n);
    });

    analysisMenu->addSeparator();
    analysisMenu->addAction(evalAct_);
    analysisMenu->addAction(textAct_);
    analysisMenu->addAction(calibTextAct_);
    analysisMenu->addAction(calibTokensAct_);
    analysisMenu->addAction(imatrixAct_);
    analysisMenu->addAction(efAct_);
    analysisMenu->addAction(speedAct_);
    activationsMenu_ = analysisMenu->addMenu(QString());
    activationsMenu_->addAction(llamaActAct_);
    activationsMenu_->addAction(floatActAct_);
    // Threads: all cores (0) or 1..the core count, one exclusive group.
    threadsMenu_ = analysisMenu->addMenu(QString());
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

    evalBar_ = new QToolBar(window);
    evalBar_->setObjectName(QStringLiteral("accuracyToolBar"));
    evalBar_->addAction(evalAct_);
    evalBar_->addAction(imatrixAct_);
    evalBar_->addAction(efAct_);
    evalBar_->addAction(speedAct_);
    evalBar_->addSeparator();
    evalBar_->addWidget(activationsLabel_);
    evalBar_->addWidget(activationsCombo_);
    window->addToolBar(Qt::TopToolBarArea, evalBar_);
    viewMenu->addAction(evalBar_->toggleViewAction());
    retranslate();
}

void EvaluationController::rerun()
{
    updateActions();
    // Columns appear (or go) with the next Run: the window redoes the last one right away.
    emit rerunRequested();
}

void EvaluationController::setModel(std::shared_ptr<const qs::Model> model)
{
    model_ = std::move(model);
    updateActions();
}

bool EvaluationController::firstStart() { return !QSettings().contains(kEvaluateKey); }

void EvaluationController::readSettings()
{
    QSettings s;
    {
        const QSignalBlocker b1(evalAct_), b2(imatrixAct_), b4(efAct_);
        evalAct_->setChecked(s.value(kEvaluateKey, false).toBool());
        imatrixAct_->setChecked(s.value(QStringLiteral("accuracy/imatrix"), false).toBool());
        efAct_->setChecked(s.value(QStringLiteral("accuracy/errorFeedback"), false).toBool());
        const QSignalBlocker b3(speedAct_);
        speedAct_->setChecked(s.value(QStringLiteral("speed/measure"), false).toBool());
    }
    evalStream_.calibSample = std::clamp(s.value(QStringLiteral("accuracy/calibrationTokens"), kDefaultCalibSample).toInt(),
                                         kMinCalibrationTokens, kMaxCalibrationTokens);
    setThreads(s.value(QStringLiteral("engine/threads"), 0).toInt());  // (retranslates: the texts name both)
    setActivationMode(activationModeFromName(s.value(QStringLiteral("accuracy/activations")).toString().toStdString())
                          .value_or(ActMode::Llama));
}

void EvaluationController::writeSettings() const
{
    QSettings s;
    s.setValue(kEvaluateKey, evalAct_->isChecked());
    s.setValue(QStringLiteral("accuracy/imatrix"), imatrixAct_->isChecked());
    s.setValue(QStringLiteral("accuracy/errorFeedback"), efAct_->isChecked());
    s.setValue(QStringLiteral("speed/measure"), speedAct_->isChecked());
    s.setValue(QStringLiteral("accuracy/activations"), QString::fromLatin1(activationModeName(activations_)));
    s.setValue(QStringLiteral("engine/threads"), threads_);
    s.setValue(QStringLiteral("accuracy/calibrationTokens"), evalStream_.calibSample);
}

void EvaluationController::setCalibrationTokens(int n)
{
    n = std::clamp(n, kMinCalibrationTokens, kMaxCalibrationTokens);
    if (n == evalStream_.calibSample)
        return;
    evalStream_.calibSample = n;
    retranslate();
    if (evalAct_->isChecked() && (imatrixAct_->isChecked() || efAct_->isChecked()) && evalStream_.calibTextFile.empty() &&
        evalStream_.calibTokensFile.empty())
        rerun();
}

void EvaluationController::retranslate()
{
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
    calibTextAct_->setText(tr("Calibrate on Te&xt File…"));
    setTip(calibTextAct_,
           evalStream_.calibTextFile.empty()
               ? tr("Calibrate the importance matrix and error feedback on a text file of yours instead of sampled "
                    "tokens (tokenized with the model's own tokenizer; another file than the evaluation text). "
                    "Uncheck to calibrate on sampled tokens again.")
               : tr("Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.")
                     .arg(QString::fromStdString(evalStream_.calibTextFile)));
    calibTokensAct_->setText(tr("Calibration T&okens (%1)…").arg(QLocale().toString(evalStream_.calibSample)));
    setTip(calibTokensAct_,
           tr("How many tokens the sampled calibration stream of the importance matrix and error feedback has "
              "(quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they "
              "lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).")
               .arg(QLocale().toString(kDefaultCalibSample)));
    imatrixAct_->setText(tr("Use &Importance Matrix"));
    imatrixAct_->setIconText(tr("+ imatrix"));
    const QString imTip =
        evalStream_.calibTextFile.empty()
            ? tr("Also quantize every precision with an importance matrix (mean squared activations over %1 tokens "
                 "sampled with seed %2, a different stream from the evaluation one) and show it as a second row "
                 "“<type> + imatrix”")
                  .arg(evalStream_.calibSample)
                  .arg(evalStream_.calibSeed)
            : tr("Also quantize every precision with an importance matrix (mean squared activations over the text "
                 "file %1) and show it as a second row “<type> + imatrix”")
                  .arg(QString::fromStdString(evalStream_.calibTextFile));
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
    setTip(efAct_, evalStream_.calibTextFile.empty()
                       ? efTip
                       : efTip + QLatin1Char(' ') +
                             tr("Calibrated on the text file %1 instead.").arg(QString::fromStdString(evalStream_.calibTextFile)));
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

bool EvaluationController::chooseTextFile(QAction* act, bool on, QString& next, const QString& title, std::string& file)
{
    QString path;
    if (on) {
        std::swap(path, next);
        if (path.isEmpty())
            path = QFileDialog::getOpenFileName(window_, title, QString(), tr("Text files (*.txt);;All files (*)"));
        if (path.isEmpty()) {
            act->setChecked(false);
            return false;
        }
    }
    file = path.toStdString();
    return true;
}

void EvaluationController::updateActions()
{
    modelEvaluable_ = model_ && engine::canEvaluate(*model_);
    evalAct_->setEnabled(modelEvaluable_);
    imatrixAct_->setEnabled(modelEvaluable_ && evalAct_->isChecked());
    efAct_->setEnabled(modelEvaluable_ && evalAct_->isChecked());
    textAct_->setEnabled(modelEvaluable_);
    textAct_->setChecked(!evalStream_.textFile.empty());
    calibTextAct_->setEnabled(modelEvaluable_);
    calibTextAct_->setChecked(!evalStream_.calibTextFile.empty());
    calibTokensAct_->setEnabled(modelEvaluable_);
    speedAct_->setEnabled(modelEvaluable_);
    retranslate();
}

engine::EvalRequest EvaluationController::evaluationRequest() const
{
    engine::EvalRequest r;
    r.enabled = modelEvaluable_ && evalAct_->isChecked();
    r.stream = evalStream_;
    r.stream.imatrix = r.enabled && imatrixAct_->isChecked();
    r.stream.errorFeedback = r.enabled && efAct_->isChecked();
    r.stream.activations = activations_;
    return r;
}

engine::SpeedRequest EvaluationController::speedRequest() const
{
    engine::SpeedRequest r = speedSettings_;
    r.enabled = modelEvaluable_ && speedAct_->isChecked();
    r.mode = activations_;
    return r;
}

void EvaluationController::setThreads(int n)
{
    threads_ = std::clamp(n, 0, std::max(1, QThread::idealThreadCount()));
    qs::setMaxThreads(threads_);
    for (QAction* a : threadsGroup_->actions())
        if (a->data().toInt() == threads_)
            a->setChecked(true);
    retranslate();  // the speed action's tooltip names the thread count
}

void EvaluationController::setActivationMode(ActMode mode)
{
    const bool changed = mode != activations_;
    activations_ = mode;
    {
        const QSignalBlocker b(activationsCombo_);
        activationsCombo_->setCurrentIndex(mode == ActMode::Float ? 1 : 0);
    }
    (mode == ActMode::Float ? floatActAct_ : llamaActAct_)->setChecked(true);
    if (changed)
        emit activationModeChanged(mode);
}

}  // namespace qs::ui
