// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/Arguments.h"

#include "node/cli/CliError.h"

#include <algorithm>

namespace cowl::node {

Arguments::Arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& spec,
                     std::size_t maxPositional, std::string command)
    : m_command(std::move(command)) {
    const std::string help = "; see: cowl-node " + m_command + " --help";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (!arg.starts_with("--") || arg == "--") {
            if (m_positional.size() == maxPositional)
                throw UsageError("unexpected argument '" + arg + "'" + help);
            m_positional.push_back(arg);
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const auto option = std::find_if(spec.begin(), spec.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (option == spec.end())
            throw UsageError("unknown option --" + name + help);
        if (m_values.contains(name))
            throw UsageError("--" + name + " is given twice" + help);
        if (!option->takesValue) {
            if (eq != std::string::npos)
                throw UsageError("--" + name + " takes no value" + help);
            m_values[name] = "";
        } else if (eq != std::string::npos) {
            m_values[name] = arg.substr(eq + 1);
        } else {
            if (i + 1 == args.size())
                throw UsageError("--" + name + " needs a value" + help);
            m_values[name] = args[++i];
        }
    }
}

std::optional<std::string> Arguments::value(std::string_view name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string Arguments::required(std::string_view name) const {
    auto v = value(name);
    if (!v || v->empty())
        throw UsageError("cowl-node " + m_command + " needs --" + std::string(name) + "; see: cowl-node " + m_command
                         + " --help");
    return *v;
}

bool Arguments::flag(std::string_view name) const { return m_values.contains(name); }

} // namespace cowl::node
