// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/AccessLogLine.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace cowl::node {

namespace {

// Length of the well-formed UTF-8 sequence at `text[i]`, or 0 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8Length(std::string_view text, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) {
        return 0;
    }
    for (std::size_t k = i + 2; k < i + length; ++k) {
        if (byte(k) < 0x80 || byte(k) > 0xBF) {
            return 0;
        }
    }
    return length;
}

template <class Number>
void appendNumber(std::string& out, Number value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendField(std::string& out, std::string_view name, std::string_view value)
{
    out += '"';
    out += name;
    out += "\":";
    appendJsonString(out, value);
    out += ',';
}

template <class Number>
void appendNumberField(std::string& out, std::string_view name, Number value)
{
    out += '"';
    out += name;
    out += "\":";
    appendNumber(out, value);
    out += ',';
}

void appendTime(std::string& out, std::int64_t micros)
{
    // Entries come in bursts within one second: the calendar part is
    // formatted once per second (per thread), only the microseconds each time.
    thread_local std::int64_t cachedSecond = -1;
    thread_local char prefix[32];
    thread_local int prefixLength = 0;
    const std::int64_t second = micros / 1'000'000;
    if (second != cachedSecond) {
        const auto t = static_cast<std::time_t>(second);
        std::tm tm{};
        gmtime_r(&t, &tm);
        prefixLength = std::snprintf(prefix, sizeof prefix, "\"%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900,
                                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cachedSecond = second;
    }
    out.append(prefix, static_cast<std::size_t>(prefixLength));
    char fraction[8];
    auto value = static_cast<unsigned>(micros % 1'000'000);
    for (int i = 5; i >= 0; --i, value /= 10)
        fraction[i] = static_cast<char>('0' + value % 10);
    fraction[6] = 'Z';
    fraction[7] = '"';
    out.append(fraction, sizeof fraction);
}

} // namespace

void appendJsonString(std::string& out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0; // start of the run of bytes that pass unchanged
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const std::size_t length = utf8Length(text, i)) {
                i += length;
                continue;
            }
        }
        out.append(text.substr(plain, i - plain));
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c >= 0x80) {
                out += "\\ufffd";
            } else {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            }
        }
        plain = ++i;
    }
    out.append(text.substr(plain));
    out += '"';
}

void appendAccessLogLine(std::string& out, const AccessLogEntry& e)
{
    out += "{\"time\":";
    appendTime(out, e.timeMicros);
    out += ',';
    appendField(out, "project_id", e.project);
    appendField(out, "container_id", e.container);
    appendField(out, "program", e.program);
    appendField(out, "alias", e.alias);
    appendField(out, "client_address", e.client);
    appendField(out, "method", e.method);
    appendField(out, "path", e.path);
    appendField(out, "protocol", e.protocol);
    appendNumberField(out, "status", e.status);
    appendNumberField(out, "bytes_in", e.bytesIn);
    appendNumberField(out, "bytes_out", e.bytesOut);
    appendNumberField(out, "duration_us", e.durationMicros);
    appendField(out, "decision", e.decision);
    appendField(out, "group", e.group);
    out += "\"reason\":";
    appendJsonString(out, e.reason);
    out += "}\n";
}

} // namespace cowl::node
