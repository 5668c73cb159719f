#pragma once
// The window's model-accuracy and speed settings, owned by one controller: Analysis > Evaluate
// Model Accuracy, Evaluate on Text File…, Use Importance Matrix, Use Error-Feedback Rounding,
// Measure Speed, Activations and Threads, and the "Accuracy" tool bar (with the activations combo).
// It keeps their state (persisted) and turns it into what a Run asks the engine for
// (evaluationRequest, speedRequest: ui/engine.h runCompare evaluates as quantscope-cli compare
// --eval does, ui/speed_engine.h measures as bench-model does). MainWindow creates it, tells it
// the open model (the actions are enabled for llama-shaped ones) and redoes its last Run when
// asked to.
#include "ui/engine.h"

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QMainWindow;
class QMenu;
class QToolBar;

namespace qs {
class Model;
}

namespace qs::ui {

class EvaluationController : public QObject {
    Q_OBJECT
public:
    // Adds its actions and the Activations and Threads menus to analysisMenu (after a separator),
    // the "Accuracy" tool bar to `window` (top) and its toggle to viewMenu.
    EvaluationController(QMainWindow* window, QMenu* analysisMenu, QMenu* viewMenu);

    // The open model (null: none): the actions are enabled for a llama-shaped one.
    void setModel(std::shared_ptr<const qs::Model> model);
    bool modelEvaluable() const { return modelEvaluable_; }
    void retranslate();
    // The persisted settings (QSettings: accuracy/…, speed/measure, engine/threads). readSettings
    // sets the actions without asking for a Run, then the threads and the activation mode.
    void readSettings();
    void writeSettings() const;
    // No evaluation setting was ever saved: the window's first start.
    static bool firstStart();

    // Analysis > Evaluate Model Accuracy and Use Importance Matrix (checkable; enabled for
    // llama-shaped models). The stream a Run evaluates on: by default tokens sampled from the model
    // as quantscope-cli compare --eval does.
    QAction* evaluateAction() const { return evalAct_; }
    QAction* imatrixAction() const { return imatrixAct_; }
    // Analysis > Use Error-Feedback Rounding (checkable, with Evaluate Model Accuracy; persisted): a
    // "<type> + error feedback" row per precision it changes (compare --eval --error-feedback).
    QAction* errorFeedbackAction() const { return efAct_; }
    // Analysis > Evaluate on Text File… (checkable): asks for a text file and evaluates on it
    // (compare --eval --text); unchecked, the stream is sampled again. The hook skips the dialog once.
    QAction* evaluateTextAction() const { return textAct_; }
    void setNextTextFile(const QString& path) { nextTextFile_ = path; }
    // Analysis > Calibrate on Text File… (checkable): the calibration stream of the importance
    // matrix and error feedback (and of presets that need an importance matrix) is a text file of
    // the user's (compare --calib-text) instead of sampled tokens; unchecked, sampled again. The
    // hook skips the dialog once.
    QAction* calibrateTextAction() const { return calibTextAct_; }
    void setNextCalibrationTextFile(const QString& path) { nextCalibTextFile_ = path; }
    // Analysis > Calibration Tokens…: how many tokens the sampled calibration stream has (1024 by
    // default, as the CLI's --calib-sample; 64 .. 65536; persisted). More cost time in proportion
    // and help a small model's error feedback (README). A change redoes the Run when it has
    // importance-matrix or error-feedback rows. The action asks with a dialog; this sets it.
    QAction* calibrationTokensAction() const { return calibTokensAct_; }
    void setCalibrationTokens(int n);
    static constexpr int kMinCalibrationTokens = 64, kMaxCalibrationTokens = 65536;
    void setEvaluationStream(const qs::EvalStreamOptions& stream) { evalStream_ = stream; }
    const qs::EvalStreamOptions& evaluationStream() const { return evalStream_; }
    engine::EvalRequest evaluationRequest() const;
    // How activations meet the weights in every evaluation of the window (a Run's accuracy and
    // speed, sensitivity, plan for size): Llama (default: quantized to each format's vec-dot type,
    // the KL llama.cpp gives for the exported file) or Float (weights only). Analysis > Activations
    // and the combo on the accuracy tool bar; persisted. A change is signalled
    // (activationModeChanged): the window clears the accuracy and speed computed with the other
    // mode and redoes the last Run that had them. (The activations of a stream given to
    // setEvaluationStream are replaced by this mode.)
    void setActivationMode(qs::ActMode mode);
    qs::ActMode activationMode() const { return activations_; }
    QComboBox* activationsCombo() const { return activationsCombo_; }
    // Analysis > Threads: how many threads the engine uses for everything the window computes
    // (0: all cores, the default; persisted). Takes effect for work started afterwards; speeds
    // already measured keep the thread count their column's tooltip names.
    void setThreads(int n);
    int threads() const { return threads_; }
    QMenu* threadsMenu() const { return threadsMenu_; }
    // Analysis > Measure Speed (checkable; llama-shaped models; persisted): a Run also measures
    // decode and prompt tokens/s of the source and of every precision (ui/speed_engine.h).
    QAction* measureSpeedAction() const { return speedAct_; }
    // What a Run measures (tg128 after 16 prompt tokens, pp512 by default); a hook for tests.
    void setSpeedSettings(const engine::SpeedRequest& r) { speedSettings_ = r; }
    engine::SpeedRequest speedRequest() const;

signals:
    // A setting that changes a Run's columns was toggled: redo the last Run (or the one going, so
    // a toggle made during it is not lost).
    void rerunRequested();
    // The activation mode changed to `mode` (setting the same one says nothing).
    void activationModeChanged(qs::ActMode mode);

private:
    void updateActions();  // enabled for llama-shaped models, then retranslate()
    void rerun();
    // A checkable text-file action toggled: checked, the file is the hook's path (once) or one
    // asked for (none chosen: the action unchecks, false); unchecked, none. Sets `file`.
    bool chooseTextFile(QAction* act, bool on, QString& next, const QString& title, std::string& file);

    QMainWindow* window_ = nullptr;
    std::shared_ptr<const qs::Model> model_;
    bool modelEvaluable_ = false;
    QAction* evalAct_ = nullptr;
    QAction* imatrixAct_ = nullptr;
    QAction* efAct_ = nullptr;
    QAction* textAct_ = nullptr;
    QString nextTextFile_;
    QAction* calibTextAct_ = nullptr;
    QAction* calibTokensAct_ = nullptr;
    QString nextCalibTextFile_;
    QToolBar* evalBar_ = nullptr;
    qs::EvalStreamOptions evalStream_;
    QAction* speedAct_ = nullptr;
    engine::SpeedRequest speedSettings_;
    qs::ActMode activations_ = qs::ActMode::Llama;
    QMenu* activationsMenu_ = nullptr;
    QMenu* threadsMenu_ = nullptr;
    QActionGroup* threadsGroup_ = nullptr;
    int threads_ = 0;
    QAction* llamaActAct_ = nullptr;
    QAction* floatActAct_ = nullptr;
    QComboBox* activationsCombo_ = nullptr;
    QLabel* activationsLabel_ = nullptr;
};

}  // namespace qs::ui
