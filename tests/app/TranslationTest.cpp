// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QLibraryInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

// translations/cowl_de.ts must be complete: every string of the console
// translated, none unfinished, placeholders kept, and nothing in the sources
// that the file does not know yet (lupdate over the real sources finds no new text).
class TranslationTest : public QObject {
    Q_OBJECT

    const QDir m_source = QDir(QStringLiteral(COWL_TEST_DATA_DIR "/../.."));

    struct Message {
        QString context;
        QString source;
        QStringList translations;
        QString type;
    };

    static QList<Message> read(const QString& path) {
        QList<Message> messages;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return messages;
        }
        QXmlStreamReader xml(&file);
        QString context;
        Message current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) {
                if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                    messages << current;
                }
                continue;
            }
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                current = Message{context, {}, {}, {}};
            } else if (xml.name() == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace()) {
                    current.translations << xml.text().toString();
                }
            } else if (xml.name() == QLatin1String("numerusform")) {
                current.translations << xml.readElementText();
            }
        }
        return messages;
    }

    static QSet<QString> placeholders(const QString& text) {
        QSet<QString> found;
        static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
        for (const auto& match : pattern.globalMatch(text)) {
            found.insert(match.captured());
        }
        return found;
    }

private slots:
    void germanIsComplete() {
        const QList<Message> messages = read(m_source.filePath(QStringLiteral("translations/cowl_de.ts")));
        QVERIFY2(messages.size() > 100, "translations/cowl_de.ts is missing or nearly empty");
        for (const Message& message : messages) {
            const QString where = message.context + QStringLiteral(": ") + message.source;
            QVERIFY2(message.type.isEmpty(), qPrintable(QStringLiteral("not finished (%1): %2").arg(message.type, where)));
            QVERIFY2(!message.translations.isEmpty(), qPrintable(QStringLiteral("no translation: ") + where));
            for (const QString& translation : message.translations) {
                QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(QStringLiteral("empty translation: ") + where));
                QCOMPARE(placeholders(translation), placeholders(message.source));
            }
        }
    }

    void sourcesHaveNoUntranslatedText() {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        QVERIFY2(QFileInfo(lupdate).isExecutable(), qPrintable(lupdate + QStringLiteral(" not found")));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("cowl_de.ts"));
        QVERIFY(QFile::copy(m_source.filePath(QStringLiteral("translations/cowl_de.ts")), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess process;
        process.start(lupdate, {QStringLiteral("-I"), m_source.absolutePath(), QStringLiteral("-no-obsolete"),
                                QStringLiteral("-locations"), QStringLiteral("none"),
                                m_source.filePath(QStringLiteral("app/main.cpp")), m_source.filePath(QStringLiteral("ui")),
                                QStringLiteral("-ts"), copy});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        for (const Message& message : read(copy)) {
            QVERIFY2(message.type.isEmpty(),
                     qPrintable(QStringLiteral("a string in the sources is not in cowl_de.ts: ") + message.source));
        }
    }
};

QTEST_GUILESS_MAIN(TranslationTest)
#include "TranslationTest.moc"
