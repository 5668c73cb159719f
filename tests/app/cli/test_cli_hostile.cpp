// quantscope-cli against hostile inputs and faults (issue 14), each case generated here: FIFOs and
// devices where a file is meant, a model that shrinks while it is quantized, kill -9 and SIGTERM
// mid-run, odd output names, control characters in names and values, a huge window, bad
// --params, the top-level help. Every case ends with a one-line error naming the file and the
// documented exit code, nothing half-written and the input untouched.
#include "core/model/model.h"
#include "tests/support/fixtures.h"
#include "tests/support/gguf_spec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QThread>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <sys/stat.h>
#include <unistd.h>

using namespace qs;
using qs::test::GgufSpec;

namespace {

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

// Runs the CLI; expects it to end within 60 s with exit code `rc` and one line on stderr that
// contains `what`.
void expectError(const QStringList& args, int rc, const QByteArray& what)
{
    QByteArray out, err;
    const int got = test::runCli(args, &out, &err, 60000);
    QVERIFY2(got == rc, qPrintable(QStringLiteral("%1: exit %2, stderr %3").arg(args.join(' ')).arg(got).arg(QString::fromUtf8(err))));
    QVERIFY2(err.contains(what), err.constData());
    QVERIFY2(err.count('\n') == 1 && err.endsWith('\n'), err.constData());
}

bool waitForLine(QProcess& p, QByteArray& err, const QByteArray& what, int ms = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!err.contains(what) && t.elapsed() < ms && p.state() == QProcess::Running) {
        p.waitForReadyRead(50);
        err += p.readAllStandardError();
    }
    return err.contains(what);
}

// The CLI's test hook: quantize stops itself (SIGSTOP) after its first progress line, so the
// test acts mid-export however fast the machine quantizes the demo (55 ms on a Zen 5 core).
QProcessEnvironment stopAfterFirstTensor()
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("QS_TEST_STOP_AFTER_FIRST_PROGRESS"), QStringLiteral("1"));
    return e;
}

// Until /proc/PID/stat says the process is stopped ('T'), at most 60 s.
bool waitUntilStopped(qint64 pid)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 60000) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray stat = f.readAll();
            const qsizetype close = stat.lastIndexOf(')');
            if (close > 0 && stat.size() > close + 2 && stat.at(close + 2) == 'T')
                return true;
        }
        QThread::msleep(2);
    }
    return false;
}

}  // namespace

class TestCliHostile : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString demo_;  // a model whose quantization takes long enough to be interrupted

    QString path(const QString& name) { return tmp.filePath(name); }

    // A 12 M-parameter F32 model (48 MB): quantizing it to Q6_K takes a while, tensor by tensor.
    const QString& demo()
    {
        if (demo_.isEmpty()) {
            demo_ = path("demo.gguf");
            if (test::runCli({"make-demo", "--params", "12M", "--dtype", "F32", "--seed", "9", "--output", demo_}) != 0)
                qFatal("make-demo failed");
        }
        return demo_;
    }

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    // ---- what is not a regular file ----------------------------------------------------------

    void fifosAndDevicesAreRefusedAtOnce()
    {
        QDir().mkpath(path("fifo"));
        const QString fifo = path("fifo/model.gguf");
        QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
        expectError({"info", fifo}, 2, "model.gguf: not a regular file");
        const QString jsonFifo = path("fifo/weights.json");
        QVERIFY(::mkfifo(jsonFifo.toLocal8Bit().constData(), 0600) == 0);
        expectError({"info", jsonFifo}, 2, "weights.json: JSON file is not a regular file");
        // A MODEL x.json that is a link to /dev/zero (its size looks like 0).
        QVERIFY(QFile::link("/dev/zero", path("fifo/zero.json")));
        expectError({"info", path("fifo/zero.json")}, 2, "zero.json: JSON file is not a regular file");
        // An index whose shard is a FIFO.
        QDir().mkpath(path("fifo/sharded"));
        QVERIFY(::mkfifo(path("fifo/sharded/s1.safetensors").toLocal8Bit().constData(), 0600) == 0);
        QFile idx(path("fifo/sharded/model.safetensors.index.json"));
        QVERIFY(idx.open(QIODevice::WriteOnly));
        idx.write(R"({"weight_map":{"model.norm.weight":"s1.safetensors"}})");
        idx.close();
        expectError({"info", path("fifo/sharded")}, 2, "s1.safetensors: not a regular file");
        // Token files.
        const QString tokFifo = path("fifo/tokens.json");
        QVERIFY(::mkfifo(tokFifo.toLocal8Bit().constData(), 0600) == 0);
        const QString model = test::stories("stories260K-f32.gguf");
        expectError({"compare", model, "--types", "Q8_0", "--eval", "--tokens", tokFifo}, 2,
                    "tokens.json: token file is not a regular file");
        expectError({"compare", model, "--types", "Q8_0", "--eval", "--tokens", "/dev/zero"}, 2,
                    "/dev/zero: token file is not a regular file");
        expectError({"compare", model, "--types", "Q8_0", "--eval", "--sample", "8", "--imatrix", "--calib-tokens",
                     "/dev/urandom"},
                    2, "/dev/urandom: token file is not a regular file");
    }

    // ---- a model that shrinks while it is read -------------------------------------------------

    void shrinkingInputIsACleanError()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("big.gguf");
        QVERIFY(QFile::copy(demo(), in));
        QProcess p;
        p.setProcessEnvironment(stopAfterFirstTensor());
        p.start(test::cliPath(), {"quantize", in, "--type", "Q6_K", "--pure", "--output", dir.filePath("o.gguf")});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QVERIFY2(waitForLine(p, err, "progress:"), err.constData());
        QVERIFY(waitUntilStopped(p.processId()));
        QVERIFY(::truncate(in.toLocal8Bit().constData(), 1 << 20) == 0);
        ::kill(pid_t(p.processId()), SIGCONT);
        QVERIFY(p.waitForFinished(120000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);  // no SIGBUS
        QVERIFY2(p.exitCode() == 2, err.constData());
        QVERIFY2(err.contains("big.gguf: the file shrank or was replaced while it was being read"), err.constData());
        QCOMPARE(entries(dir.path()), QStringList{"big.gguf"});  // the temporary is gone
    }

    // ---- killed and stopped ------------------------------------------------------------------

    void killedRunsLeaveTemporariesTheNextRunRemoves()
    {
        QTemporaryDir dir;
        const QByteArray sum = sha256(demo());
        QProcess p;
        p.setProcessEnvironment(stopAfterFirstTensor());
        p.start(test::cliPath(), {"quantize", demo(), "--type", "Q6_K", "--pure", "--output", dir.filePath("o.gguf")});
        QVERIFY(p.waitForStarted());
        const qint64 pid = p.processId();
        QByteArray err;
        QVERIFY2(waitForLine(p, err, "progress:"), err.constData());
        QVERIFY(waitUntilStopped(pid));
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(p.waitForFinished(60000));
        const QStringList left = entries(dir.path());
        QCOMPARE(left.size(), 1);
        QVERIFY2(left.first().startsWith(QStringLiteral("qs-tmp-%1-").arg(pid)), qPrintable(left.first()));
        // The next run into the folder removes it (its writer is gone) and writes its own output.
        QCOMPARE(test::runCli({"quantize", test::stories("stories260K.bin"), "--type", "Q8_0", "--output",
                               dir.filePath("next.gguf")}),
                 0);
        QCOMPARE(entries(dir.path()), QStringList{"next.gguf"});
        QCOMPARE(sha256(demo()), sum);
    }

    void sigtermStopsEvaluations()
    {
        QTemporaryDir dir;
        const QString model = test::stories("stories260K-f32.gguf");
        const QByteArray sum = sha256(model);
        // A million sampled tokens take minutes: the signal must stop the run within seconds.
        const QList<QStringList> runs{
            {"compare", model, "--types", "Q4_0", "--eval", "--sample", "1000000"},
            {"plan-for-size", model, "--target-bpw", "5", "--sample", "1000000", "--output", dir.filePath("p.gguf")},
        };
        for (const QStringList& args : runs) {
            QProcess p;
            p.start(test::cliPath(), args);
            QVERIFY(p.waitForStarted());
            QThread::msleep(1500);
            QCOMPARE(p.state(), QProcess::Running);
            ::kill(pid_t(p.processId()), SIGTERM);
            QVERIFY2(p.waitForFinished(30000), qPrintable(args.join(' ')));
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            const QByteArray err = p.readAllStandardError();
            QVERIFY2(p.exitCode() == 1 && err.contains("cancelled"), err.constData());
            QVERIFY(entries(dir.path()).isEmpty());
        }
        QCOMPARE(sha256(model), sum);
    }

    // ---- output names ------------------------------------------------------------------------

    void outputNames()
    {
        QTemporaryDir dir;
        const QString bin = test::stories("stories260K.bin");
        expectError({"quantize", bin, "--type", "Q8_0", "--output", ""}, 2, "--output needs a file name");
        expectError({"plan-for-size", bin, "--target-bpw", "5", "--sample", "8", "--output", ""}, 2,
                    "--output needs a file name");
        expectError({"make-demo", "--params", "10K", "--output", ""}, 2, "--output needs a file name");
        // The longest legal file name works: the temporary has a short name of its own.
        const QString longName = dir.filePath(QString(250, QLatin1Char('q')) + ".gguf");
        QCOMPARE(QFileInfo(longName).fileName().size(), 255);
        QCOMPARE(test::runCli({"quantize", bin, "--type", "Q8_0", "--output", longName}), 0);
        QCOMPARE(entries(dir.path()), QStringList{QFileInfo(longName).fileName()});
        QVERIFY(openModel(longName.toStdString())->find("token_embd.weight"));
        expectError({"quantize", bin, "--type", "Q8_0", "--output", dir.filePath(QString(252, QLatin1Char('q')) + ".gguf")},
                    2, "the file name is longer than");
    }

    // ---- control characters ------------------------------------------------------------------

    void controlCharactersAreEscapedInTextOutput()
    {
        const auto src = openModel(test::stories("stories260K-f32.gguf").toStdString());
        GgufSpec s = GgufSpec::of(*src);
        s.set("general.name", MetaValue::ofString(std::string("cut\0here", 8)));
        s.set("evil.title", MetaValue::ofString("\x1b]0;pwned\x07\x1b[31mred\rover"));
        s.set(std::string("evil\nkey"), MetaValue::ofU32(1));
        s.tensors.push_back({"fake\nquantscope-cli: all good", {4}, GgmlType::F32, QByteArray(16, '\0')});
        const QString p = s.write(path("evil.gguf"));
        QByteArray out, err;
        QCOMPARE(test::runCli({"info", p}, &out, &err), 0);
        QVERIFY(!out.contains('\0'));
        QVERIFY(!out.contains('\x1b') && !out.contains('\r') && !out.contains('\x07'));
        QVERIFY2(out.contains("general.name = cut\\0here"), out.constData());
        QVERIFY2(out.contains("evil.title = \\e]0;pwned\\x07\\e[31mred\\rover"), out.constData());
        QVERIFY2(out.contains("evil\\nkey = 1"), out.constData());
        QVERIFY2(out.contains("fake\\nquantscope-cli: all good"), out.constData());
        // One line per tensor and per key, nothing cut: the last tensor line is there.
        const QList<QByteArray> lines = out.split('\n');
        int tensorLines = 0;
        for (const QByteArray& l : lines)
            tensorLines += l.contains("F32 ") && (l.startsWith("blk.") || l.startsWith("fake") || l.startsWith("token") ||
                                                  l.startsWith("output"));
        QCOMPARE(tensorLines, int(s.tensors.size()));
        // JSON keeps the exact strings (escaped the JSON way).
        QCOMPARE(test::runCli({"info", p, "--json"}, &out), 0);
        const QJsonObject j = QJsonDocument::fromJson(out).object();
        QCOMPARE(j.value("metadata").toObject().value("general.name").toString(), QString::fromUtf8("cut\0here", 8));
        // An error about a name with a newline stays one line.
        GgufSpec d = s;
        d.tensors.push_back({"fake\nquantscope-cli: all good", {4}, GgmlType::F32, QByteArray(16, '\0')});
        expectError({"info", d.write(path("evil2.gguf"))}, 2, "tensor 'fake\\nquantscope-cli: all good' appears twice");
        // The quantize plan table and progress lines too.
        QCOMPARE(test::runCli({"quantize", p, "--type", "Q8_0", "--dry-run"}, &out, &err), 0);
        QVERIFY2(out.contains("fake\\nquantscope-cli: all good"), out.constData());
        QVERIFY(!out.contains('\x1b'));
    }

    // ---- too large -----------------------------------------------------------------------------

    void outOfMemoryNamesTheFile()
    {
        if (!qEnvironmentVariableIsEmpty("QS_SANITIZED"))
            QSKIP("AddressSanitizer reserves more address space than the limit this case sets");
        // One 2-D F16 tensor of 512 M values (1 GB of zeros, sparse): quantizing it needs its 2 GB of
        // floats, and the address space is limited to 2.5 GB (the map of the file takes 1).
        GgufSpec s;
        s.set("general.name", MetaValue::ofString("big"));
        s.tensors.push_back({"big.weight", {65536, 8192}, GgmlType::F16, {}});
        const QString p = s.write(path("sparse.gguf"));
        QVERIFY(QFileInfo(p).size() > (1ll << 30));
        QTemporaryDir dir;
        QProcess proc;
        proc.start("bash", {"-c", "ulimit -v 2500000; exec \"$0\" quantize \"$1\" --type Q8_0 --output \"$2\"",
                            test::cliPath(), p, dir.filePath("out.gguf")});
        QVERIFY(proc.waitForFinished(120000));
        const QByteArray err = proc.readAllStandardError();
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QVERIFY2(proc.exitCode() == 1, err.constData());
        QVERIFY2(err.contains("quantscope-cli: " + p.toUtf8() + ": out of memory"), err.constData());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(entries(dir.path()).isEmpty());
    }

    void makeDemoParams()
    {
        expectError({"make-demo", "--params", "1000T", "--output", path("x.gguf")}, 2, "--params 1000T is too large");
        expectError({"make-demo", "--params", "abc", "--output", path("x.gguf")}, 2, "--params abc is not a positive count");
        expectError({"make-demo", "--output", path("x.gguf")}, 2, "--params N is required");
        QVERIFY(!QFile::exists(path("x.gguf")));
    }

    void topLevelHelpKeepsColumns()
    {
        QByteArray out;
        QCOMPARE(test::runCli({"--help"}, &out), 0);
        QVERIFY2(out.contains("  plan-for-size  Mixed precision"), out.constData());
        QVERIFY2(out.contains("  info           Show a model's"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
