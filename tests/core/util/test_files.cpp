// Files under attack (issue 14): a mapped file that shrinks while it is read gives an error
// naming it instead of SIGBUS; FIFOs and devices are refused without blocking; small-file reads
// are capped; temporaries carry the writer's pid, are short, and stale ones are cleaned; control
// characters are escaped for the terminal; duplicate JSON keys are found.
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_keys.h"
#include "core/util/mapped_file.h"
#include "core/util/read_file.h"
#include "core/util/strings.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace qs;

namespace {

// The message of the qs::Error `f` throws (fails the test if it throws nothing or something else).
template <typename F>
std::string errorOf(F&& f, ErrorKind kind = ErrorKind::InvalidInput)
{
    try {
        f();
    } catch (const Error& e) {
        if (e.kind() != kind)
            return std::string("wrong kind: ") + e.what();
        return e.what();
    }
    return "no error";
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

constexpr int kForeignSigbusExit = 42;
extern "C" void onForeignSigbus(int) { ::_exit(kForeignSigbusExit); }

// A pid that no process has: a child that has exited and been reaped.
pid_t deadPid()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;
}

}  // namespace

class TestFiles : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        // A SIGBUS handler of the program's own, installed before any MappedFile: faults outside
        // the mapped files must reach it (sigbusElsewhereGoesToThePreviousHandler).
        struct sigaction sa {};
        sa.sa_handler = onForeignSigbus;
        sigemptyset(&sa.sa_mask);
        QVERIFY(::sigaction(SIGBUS, &sa, nullptr) == 0);
    }

    // ---- a mapped file that shrinks --------------------------------------------------------------

    void shrinkingMappedFileReadsZerosAndIsReported()
    {
        const long page = ::sysconf(_SC_PAGESIZE);
        const QString path = tmp.filePath("shrinks.bin");
        writeFile(path, QByteArray(int(8 * page), char(0x5A)));
        MappedFile f(path.toStdString());
        QVERIFY(!f.damaged());
        f.checkIntact();
        QCOMPARE(std::to_integer<int>(f.data()[7 * page]), 0x5A);
        QVERIFY(::truncate(path.toLocal8Bit().constData(), 2 * page) == 0);
        // Without the handler this read is SIGBUS; with it, zeros and a damaged file.
        QCOMPARE(std::to_integer<int>(f.data()[5 * page + 3]), 0);
        QCOMPARE(std::to_integer<int>(f.data()[7 * page]), 0);
        QCOMPARE(std::to_integer<int>(f.data()[page]), 0x5A);  // still in the file
        QVERIFY(f.damaged());
        const std::string e = errorOf([&] { f.checkIntact(); });
        QVERIFY2(e.rfind(path.toStdString() + ": the file shrank", 0) == 0, e.c_str());
        QVERIFY2(e.find(std::to_string(8 * page) + " bytes when opened") != std::string::npos, e.c_str());
        QVERIFY2(e.find(std::to_string(2 * page) + " bytes now") != std::string::npos, e.c_str());
        const std::string g = errorOf([] { checkMappedFilesIntact(); });
        QVERIFY2(g.rfind(path.toStdString() + ":", 0) == 0, g.c_str());
    }

    void intactFilesPassTheCheckAndSlotsAreReused()
    {
        const QString path = tmp.filePath("steady.bin");
        writeFile(path, QByteArray(10000, 'x'));
        for (int i = 0; i < 20000; ++i) {  // more than the handler's table: slots are freed on unmap
            MappedFile f(path.toStdString());
            QVERIFY(!f.damaged());
        }
        MappedFile f(path.toStdString());
        f.checkIntact();
        MappedFile moved = std::move(f);
        QVERIFY(!moved.damaged());
        QCOMPARE(std::to_integer<char>(moved.data()[9999]), 'x');
    }

    void sigbusElsewhereGoesToThePreviousHandler()
    {
        // A fault outside the files MappedFile made is not swallowed: a child that maps a file
        // itself, truncates it and reads past the end gets the handler that was there before.
        const QString path = tmp.filePath("raw.bin");
        writeFile(path, QByteArray(int(4 * ::sysconf(_SC_PAGESIZE)), 'r'));
        MappedFile ours(path.toStdString());  // the handler is installed in this process
        const pid_t pid = ::fork();
        if (pid == 0) {
            const int fd = ::open(path.toLocal8Bit().constData(), O_RDWR);
            auto* p = static_cast<volatile char*>(
                ::mmap(nullptr, size_t(4 * ::sysconf(_SC_PAGESIZE)), PROT_READ, MAP_SHARED, fd, 0));
            if (::ftruncate(fd, 0) != 0)
                ::_exit(3);
            const char c = p[3 * ::sysconf(_SC_PAGESIZE)];
            ::_exit(c == 0 ? 4 : 5);
        }
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == kForeignSigbusExit, qPrintable(QString::number(status)));
    }

    // ---- what is not a regular file --------------------------------------------------------------

    void fifosAndDevicesAreRefusedWithoutBlocking()
    {
        const QString fifo = tmp.filePath("pipe");
        QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
        std::string e = errorOf([&] { MappedFile f(fifo.toStdString()); });
        QVERIFY2(e.find("not a regular file") != std::string::npos, e.c_str());
        e = errorOf([&] { (void)readRegularFile(fifo.toStdString(), 1000, "token file"); });
        QVERIFY2(e.rfind(fifo.toStdString() + ": token file is not a regular file", 0) == 0, e.c_str());
        e = errorOf([] { (void)readRegularFile("/dev/zero", 1 << 20, "token file"); });
        QVERIFY2(e.find("/dev/zero: token file is not a regular file") == 0, e.c_str());
        e = errorOf([] { MappedFile f("/dev/zero"); });
        QVERIFY2(e.find("not a regular file") != std::string::npos, e.c_str());
        const QString link = tmp.filePath("zero.json");
        QVERIFY(QFile::link("/dev/zero", link));
        e = errorOf([&] { (void)readRegularFile(link.toStdString(), 1 << 20, "JSON file"); });
        QVERIFY2(e.find("not a regular file") != std::string::npos, e.c_str());
        e = errorOf([&] { requireRegularFile(fifo.toStdString()); });
        QVERIFY2(e.find("not a regular file") != std::string::npos, e.c_str());
        e = errorOf([&] { (void)readRegularFile(tmp.path().toStdString(), 1000, "JSON file"); });
        QVERIFY2(e.find("is a folder") != std::string::npos, e.c_str());
    }

    void readsAreCapped()
    {
        const QString path = tmp.filePath("small.json");
        writeFile(path, QByteArray(1000, ' '));
        QCOMPARE(readRegularFile(path.toStdString(), 1000).size(), 1000);
        const std::string e = errorOf([&] { (void)readRegularFile(path.toStdString(), 999, "JSON file"); });
        QVERIFY2(e.find("JSON file of 1000 bytes is larger than the 999 bytes limit") != std::string::npos, e.c_str());
        writeFile(tmp.filePath("empty"), {});
        QCOMPARE(readRegularFile(tmp.filePath("empty").toStdString(), 10).size(), 0);
        const std::string missing = errorOf([&] { (void)readRegularFile(tmp.filePath("nope").toStdString(), 10); });
        QVERIFY2(missing.find("cannot open file") != std::string::npos, missing.c_str());
    }

    // ---- temporaries -----------------------------------------------------------------------------

    void temporaryNamesCarryThePidAndStayShort()
    {
        QTemporaryDir dir;
        // The longest legal name: the temporary must not be named after it.
        const QString target = dir.filePath(QString(250, QLatin1Char('n')) + ".gguf");
        {
            AtomicFile f(target.toStdString());
            const QString temp = QString::fromStdString(f.tempPath());
            QCOMPARE(QFileInfo(temp).dir().absolutePath(), QDir(dir.path()).absolutePath());
            QVERIFY2(QFileInfo(temp).fileName().startsWith(QStringLiteral("qs-tmp-%1-").arg(::getpid())), qPrintable(temp));
            QVERIFY(QFileInfo(temp).fileName().size() < 40);
            f.writeAt("abc", 3, 0);
            f.commit();
        }
        QCOMPARE(entries(dir.path()), QStringList{QFileInfo(target).fileName()});
        QFile out(target);
        QVERIFY(out.open(QIODevice::ReadOnly));
        QCOMPARE(out.readAll(), QByteArray("abc"));
        {
            AtomicFile f(dir.filePath("dropped.gguf").toStdString());
            QCOMPARE(entries(dir.path()).size(), 2);
        }
        QCOMPARE(entries(dir.path()), QStringList{QFileInfo(target).fileName()});  // removed when dropped
    }

    void staleTemporariesOfDeadProcessesAreRemoved()
    {
        QTemporaryDir dir;
        const pid_t dead = deadPid();
        const QString stale = QStringLiteral("qs-tmp-%1-AbC123").arg(dead);
        const QString live = QStringLiteral("qs-tmp-%1-XyZ789").arg(::getppid());  // alive: our parent
        const QStringList others{"qs-tmp-notapid-abcdef", QStringLiteral("qs-tmp-%1-toolongname").arg(dead),
                                 QStringLiteral("model.gguf.qs-tmp-%1").arg(dead), "keep.gguf"};
        for (const QString& n : QStringList{stale, live} + others)
            writeFile(dir.filePath(n), "x");
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("qs-tmp-%1-Dir000").arg(dead)));  // not a file: left
        {
            AtomicFile f(dir.filePath("out.gguf").toStdString());
            f.writeAt("1", 1, 0);
            f.commit();
        }
        QStringList expected = QStringList{live, "out.gguf"} + others;
        expected.sort();
        QCOMPARE(entries(dir.path()), expected);
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("qs-tmp-%1-Dir000").arg(dead))).isDir());
        writeFile(dir.filePath(stale), "x");
        QCOMPARE(removeStaleTemporaries(dir.path().toStdString()), 1);
        QCOMPARE(removeStaleTemporaries(dir.path().toStdString()), 0);
    }

    void emptyOrFolderTargetsAreRefused()
    {
        std::string e = errorOf([] { AtomicFile f(""); });
        QVERIFY2(e.find("empty") != std::string::npos, e.c_str());
        e = errorOf([&] { AtomicFile f(tmp.path().toStdString()); });
        QVERIFY2(e.find("is a directory") != std::string::npos, e.c_str());
        e = errorOf([&] { AtomicFile f(tmp.filePath("sub/").toStdString()); });
        QVERIFY2(e.find("folder") != std::string::npos, e.c_str());
    }

    // ---- text for the terminal -------------------------------------------------------------------

    void controlCharactersAreEscaped()
    {
        QCOMPARE(printable("plain ünïcode ✓"), std::string("plain ünïcode ✓"));
        QCOMPARE(printable(std::string("a\0b", 3)), std::string("a\\0b"));
        QCOMPARE(printable("line\nforged: error"), std::string("line\\nforged: error"));
        QCOMPARE(printable("\x1b[31mred\x1b]0;title\x07\r"), std::string("\\e[31mred\\e]0;title\\x07\\r"));
        QCOMPARE(printable("tab\tdel\x7f"), std::string("tab\\tdel\\x7f"));
        QCOMPARE(printable("c1 \xc2\x9b csi \xc2\xa0 nbsp"), std::string("c1 \\u009b csi \xc2\xa0 nbsp"));
        for (int c = 0; c < 256; ++c) {
            const std::string out = printable(std::string(1, char(c)));
            for (unsigned char o : out)
                QVERIFY(o >= 0x20 && o != 0x7f);
        }
    }

    void duplicateJsonKeysAreFound()
    {
        struct Case {
            const char* json;
            const char* duplicate;  // "" for none
        };
        static const Case cases[] = {
            {"{\"a\":1,\"b\":{\"a\":2},\"c\":[{\"a\":1},{\"a\":2}]}", ""},
            {"{\"a\":1,\"b\":2,\"a\":3}", "a"},
            {"{\"t\":{\"dtype\":\"F32\",\"dtype\":\"F16\"}}", "dtype"},
            {"{\"x\":[{\"k\":1,\"k\":2}]}", "k"},
            // Equal once decoded: an escape is the same key.
            {"{\"ab\":1,\"a\\u0062\":2}", "ab"},
            {"{\"\\ud83d\\ude00\":1,\"" "\xf0\x9f\x98\x80" "\":2}", "\xf0\x9f\x98\x80"},
            // Strings that look like keys but are values, and keys with quotes and commas inside.
            {"{\"a\":\"a\",\"b\":[\"a\",\"a\"],\"c\\\",\":1,\"c\":2}", ""},
            {"{\"c\\\",\":1,\"c\\\",\":2}", "c\","},
            {"[1,2,{\"a\":{}}]", ""},
        };
        for (const Case& c : cases) {
            const std::string got = findDuplicateJsonKey(c.json).value_or("");
            QVERIFY2(got == c.duplicate, c.json);
        }
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "test_files.moc"
