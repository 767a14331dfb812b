// SPDX-License-Identifier: GPL-3.0-or-later
// The access log's hand-written JSON lines: every line parses, with the same
// fields and values a JSON library would write, whatever bytes a client sent.
#include <QTest>

#include <nlohmann/json.hpp>

#include "node/proxy/AccessLogLine.h"

using namespace cowl::node;

class ProxyAccessLogLineTest : public QObject {
    Q_OBJECT

private:
    static AccessLogEntry sample()
    {
        AccessLogEntry e;
        e.timeMicros = 1'796'040'600'123'456; // 2026-11-30T12:10:00.123456Z
        e.container = "0123456789abcdef01234567";
        e.project = "89abcdef0123456789abcdef";
        e.program = "http";
        e.client = "2001:db8::1";
        e.method = "GET";
        e.path = "/index.html";
        e.status = 200;
        e.bytesIn = 0;
        e.bytesOut = 18'446'744'073'709'551'615ULL;
        e.durationMicros = 1234;
        e.decision = "allow";
        e.group = "ops";
        e.protocol = "HTTP/2";
        return e;
    }

    static nlohmann::json parsedLine(const AccessLogEntry& e)
    {
        std::string line;
        appendAccessLogLine(line, e);
        if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1)
            throw std::runtime_error("not exactly one line: " + line);
        return nlohmann::json::parse(line);
    }

private slots:
    void fieldsAndTypes()
    {
        const auto j = parsedLine(sample());
        QCOMPARE(j.at("time").get<std::string>(), std::string("2026-11-30T12:10:00.123456Z"));
        QCOMPARE(j.at("container_id").get<std::string>(), std::string("0123456789abcdef01234567"));
        QCOMPARE(j.at("status").get<int>(), 200);
        QCOMPARE(j.at("bytes_out").get<std::uint64_t>(), 18'446'744'073'709'551'615ULL);
        QCOMPARE(j.at("duration_us").get<std::int64_t>(), std::int64_t(1234));
        QCOMPARE(j.at("alias").get<std::string>(), std::string());
        QCOMPARE(j.size(), std::size_t(16));
    }

    void escapesWhatJsonMustEscape_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("expected"); // what the parsed string holds
        QTest::newRow("quote and backslash") << QByteArray("/a\"b\\c") << QByteArray("/a\"b\\c");
        QTest::newRow("controls") << QByteArray("/\x01\n\t\r\x1f\x7f", 7) << QByteArray("/\x01\n\t\r\x1f\x7f", 7);
        QTest::newRow("nul") << QByteArray("/a\0b", 4) << QByteArray("/a\0b", 4);
        QTest::newRow("utf-8 kept") << QByteArray("/caf\xc3\xa9/\xf0\x9f\x90\xae") << QByteArray("/caf\xc3\xa9/\xf0\x9f\x90\xae");
        QTest::newRow("lone byte") << QByteArray("/\xff") << QByteArray("/\xef\xbf\xbd");
        QTest::newRow("truncated sequence") << QByteArray("/\xe2\x82") << QByteArray("/\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("overlong slash") << QByteArray("/\xc0\xaf") << QByteArray("/\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("surrogate") << QByteArray("/\xed\xa0\x80")
                                   << QByteArray("/\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    }

    void escapesWhatJsonMustEscape()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, expected);
        auto e = sample();
        e.path.assign(raw.constData(), std::size_t(raw.size()));
        e.reason = e.path;
        const auto j = parsedLine(e);
        const std::string path = j.at("path").get<std::string>();
        QCOMPARE(QByteArray(path.data(), qsizetype(path.size())), expected);
        QCOMPARE(j.at("reason").get<std::string>(), path);
    }
};

QTEST_APPLESS_MAIN(ProxyAccessLogLineTest)
#include "ProxyAccessLogLineTest.moc"
