// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/NodeConfig.h"

#include "node/config/AtomicFile.h"
#include "node/config/UlaPrefix.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace cowl::node {

namespace {

const std::set<std::string, std::less<>> kFields = {"name",     "domain", "control_listen", "proxy_listen",
                                                    "ula_prefix", "log_level", "log_file"};

std::string stringField(const nlohmann::json& j, const char* field) {
    const auto& value = j.at(field);
    if (!value.is_string())
        throw std::invalid_argument(std::string("\"") + field + "\" must be a string");
    return value.get<std::string>();
}

ListenAddress listenField(const nlohmann::json& j, const char* field) {
    try {
        return ListenAddress::parse(stringField(j, field));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("\"") + field + "\": " + e.what());
    }
}

} // namespace

bool NodeConfig::isValidName(std::string_view name) {
    return !name.empty() && name.size() <= 63 && name.front() != '-' && name.back() != '-'
        && std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool NodeConfig::isValidDomain(std::string_view domain) {
    if (domain.empty() || domain.size() > 253)
        return false;
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!isValidName(label))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
    return false;
}

void NodeConfig::validate() const {
    if (!isValidName(name))
        throw std::invalid_argument("\"name\": '" + name
                                    + "' is not a node name (1-63 of a-z, 0-9 and '-', not starting or ending with '-')");
    if (!isValidDomain(domain))
        throw std::invalid_argument("\"domain\": '" + domain
                                    + "' is not a domain (lower-case labels of a-z, 0-9 and '-' separated by dots)");
    if (!ula48.empty()) {
        try {
            UlaPrefix::parse(ula48);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("\"ula_prefix\": ") + e.what());
        }
    }
}

void to_json(nlohmann::json& j, const NodeConfig& config) {
    j = nlohmann::json{{"name", config.name},
                       {"domain", config.domain},
                       {"control_listen", config.controlListen.format()},
                       {"proxy_listen", config.proxyListen.format()},
                       {"ula_prefix", config.ula48}};
    if (config.logLevel)
        j["log_level"] = *config.logLevel;
    if (config.logFile)
        j["log_file"] = *config.logFile;
}

void from_json(const nlohmann::json& j, NodeConfig& config) {
    if (!j.is_object())
        throw std::invalid_argument("the configuration must be a JSON object");
    for (const auto& [key, value] : j.items())
        if (!kFields.contains(key))
            throw std::invalid_argument("unknown field \"" + key + "\"");
    NodeConfig result;
    if (j.contains("name"))
        result.name = stringField(j, "name");
    if (j.contains("domain"))
        result.domain = stringField(j, "domain");
    if (j.contains("control_listen"))
        result.controlListen = listenField(j, "control_listen");
    if (j.contains("proxy_listen"))
        result.proxyListen = listenField(j, "proxy_listen");
    if (j.contains("ula_prefix"))
        result.ula48 = stringField(j, "ula_prefix");
    if (j.contains("log_level"))
        result.logLevel = stringField(j, "log_level");
    if (j.contains("log_file"))
        result.logFile = stringField(j, "log_file");
    result.validate();
    config = std::move(result);
}

NodeConfig NodeConfig::load(const std::filesystem::path& path) {
    const std::string text = readWholeFile(path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw std::runtime_error(path.string() + " is not valid JSON (" + e.what()
                                 + "); fix the file or restore it from a backup");
    }
    try {
        return j.get<NodeConfig>();
    } catch (const std::exception& e) {
        throw std::runtime_error(path.string() + ": " + e.what() + "; fix the file and start again");
    }
}

void NodeConfig::save(const std::filesystem::path& path) const {
    nlohmann::json j;
    to_json(j, *this);
    writeFileAtomically(path, j.dump(2) + "\n", 0600);
}

} // namespace cowl::node
